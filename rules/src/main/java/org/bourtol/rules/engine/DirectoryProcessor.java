package org.bourtol.rules.engine;

import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * A rules processor that reads the zones and rules through a {@link DirectoryView}: it keeps the
 * {@link RulesEnv}, the context ({@link #context()}) and the view, opened in {@link #init}. A subclass that
 * needs its own stores overrides {@code init} and calls {@code super.init(context)} first.
 */
public abstract class DirectoryProcessor<KIn, VIn, KOut, VOut> extends ContextualProcessor<KIn, VIn, KOut, VOut> {

    protected final RulesEnv env;
    private DirectoryView view;

    protected DirectoryProcessor(RulesEnv env) {
        this.env = env;
    }

    @Override
    public void init(ProcessorContext<KOut, VOut> context) {
        super.init(context);
        this.view = new DirectoryView(context, env);
    }

    /** The zones and the parsed rules, as of the latest directory change. */
    protected DirectoryView view() {
        return view;
    }
}
