package dev.myelin.fashion.download;

import dev.myelin.fashion.progress.ProgressBar;
import java.io.InputStream;
import org.apache.commons.io.input.ProxyInputStream;

/** Reports every byte read through it to a progress bar. */
final class ProgressInputStream extends ProxyInputStream {
    private final ProgressBar bar;

    ProgressInputStream(InputStream in, ProgressBar bar) {
        super(in);
        this.bar = bar;
    }

    @Override
    protected void afterRead(int n) {
        if (n > 0) {
            bar.advance(n);
        }
    }
}
