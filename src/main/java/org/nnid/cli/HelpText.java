package org.nnid.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Help that wraps at sentence ends: the descriptions in the commands' annotations are written as
 * lines of source, and picocli would print each as its own line, wrapping it again at the screen
 * width (a sentence broken twice). Lines are joined into paragraphs, a line break kept only after
 * a sentence end (. : ! ?) and around an indented line (a table row), and picocli wraps each
 * paragraph at word boundaries.
 */
final class HelpText {
    private HelpText() {}

    static void install(CommandLine cl) {
        cl.setHelpFactory((spec, scheme) -> new Help(spec, scheme) {
            @Override
            public IOptionRenderer createDefaultOptionRenderer() {
                IOptionRenderer plain = super.createDefaultOptionRenderer();
                return (option, label, colors) -> {
                    String[] joined = paragraphs(option.description());
                    // a copy only when it changes: a copy loses the interpolation of --help's own names
                    return plain.render(joined.length == option.description().length ? option
                            : option.toBuilder().description(joined).build(), label, colors);
                };
            }

            @Override
            public IParameterRenderer createDefaultParameterRenderer() {
                IParameterRenderer plain = super.createDefaultParameterRenderer();
                return (param, label, colors) -> {
                    String[] joined = paragraphs(param.description());
                    return plain.render(joined.length == param.description().length ? param
                            : param.toBuilder().description(joined).build(), label, colors);
                };
            }
        });
        joinDescriptions(cl);
    }

    private static void joinDescriptions(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        spec.usageMessage().description(paragraphs(spec.usageMessage().description()));
        for (CommandLine sub : cl.getSubcommands().values()) {
            joinDescriptions(sub);
        }
    }

    static String[] paragraphs(String[] lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        boolean currentIsRow = false;
        for (String line : lines) {
            boolean row = line.startsWith(" ");
            if (current != null && !row && !currentIsRow && !endsSentence(current)) {
                current.append(' ').append(line.strip());
                continue;
            }
            if (current != null) {
                out.add(current.toString());
            }
            current = new StringBuilder(line);
            currentIsRow = row;
        }
        if (current != null) {
            out.add(current.toString());
        }
        return out.toArray(String[]::new);
    }

    private static boolean endsSentence(CharSequence s) {
        String t = s.toString().stripTrailing();
        return t.isEmpty() || ".:!?".indexOf(t.charAt(t.length() - 1)) >= 0;
    }
}
