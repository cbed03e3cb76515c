/**
 * The Fashion-MNIST study program ({@code ./fashion}) and the classifier API it ships:
 * {@link dev.myelin.fashion.api.FashionClassifier} loads a trained run and classifies images, and
 * {@link dev.myelin.fashion.predict} holds the picture preprocessing and the exception it throws.
 * Only those two packages are exported; the rest is the program. The module is open because picocli
 * reads its command classes by reflection.
 */
@SuppressWarnings("requires-automatic") // picocli, commons-io and XChart name themselves in their manifests
open module dev.myelin.fashion {
    requires dev.myelin.core;
    requires jdk.incubator.vector;
    requires transitive java.desktop; // BufferedImage is in the API
    requires java.net.http;
    requires jdk.httpserver;
    requires info.picocli;
    requires org.apache.commons.io;
    requires org.knowm.xchart;

    exports dev.myelin.fashion.api;
    exports dev.myelin.fashion.predict;
}
