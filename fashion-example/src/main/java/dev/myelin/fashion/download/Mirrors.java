package dev.myelin.fashion.download;

import java.net.URI;
import java.util.List;

/** Where Fashion-MNIST is published. */
public final class Mirrors {
    private Mirrors() {}

    /**
     * The public mirrors, tried in this order: the authors' S3 website over HTTPS and over plain HTTP
     * (the MD5 check guards the latter), then the copy in the GitHub repository.
     */
    public static final List<URI> FASHION_MNIST = List.of(
            URI.create("https://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            URI.create("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/"));
}
