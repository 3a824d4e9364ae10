package io.scatterguard.app.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr while scanning, only when a person is watching a terminal. */
abstract class Progress implements AutoCloseable {
    abstract void found();

    abstract void done();

    @Override
    public abstract void close();

    static Progress create(boolean enabled) {
        return enabled ? new Bar() : new None();
    }

    private static final class None extends Progress {
        @Override
        void found() {}

        @Override
        void done() {}

        @Override
        public void close() {}
    }

    private static final class Bar extends Progress {
        private final ProgressBar bar = new ProgressBarBuilder().setTaskName("scan").setInitialMax(0)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .setUnit(" msgs", 1).showSpeed().build();
        private long max;

        @Override
        void found() {
            bar.maxHint(++max);
        }

        @Override
        void done() {
            bar.step();
        }

        @Override
        public void close() {
            bar.close();
        }
    }
}
