package dev.myelin.fashion.download;

import java.io.IOException;

/** A file could not be had from any mirror; the message says how to place the files by hand. */
public final class DownloadException extends IOException {
    private static final long serialVersionUID = 1L;

    public DownloadException(String message) {
        super(message);
    }
}
