/**
 * The Fashion-MNIST study program ({@code ./fashion}) and the classifier API it ships:
 * {@link dev.myelin.fashion.api.FashionClassifier} loads a trained run and classifies images.
 * Only the API package is exported; the rest is the program. The module is open because picocli
 * reads its command classes by reflection.
 */
open module dev.myelin.fashion {
    requires dev.myelin.core;
    requires jdk.incubator.vector;
    requires java.desktop;
    requires java.net.http;
    requires jdk.httpserver;
    requires info.picocli;
    requires org.apache.commons.io;
    requires org.knowm.xchart;

    exports dev.myelin.fashion.api;
}
