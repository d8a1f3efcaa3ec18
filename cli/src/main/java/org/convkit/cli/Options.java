package org.convkit.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small parser for {@code --name value} and {@code --flag} options. Every option is declared
 * with a description and a default, so {@code --help} lists them all; an unknown option, a
 * missing value or a value of the wrong type is a {@link UsageException} naming the option.
 */
final class Options {
    private record Spec(String description, String defaultValue, boolean flag) {
    }

    private final String command;
    private final List<String> args;
    private final Map<String, Spec> specs = new LinkedHashMap<>();
    private Map<String, String> values;
    private List<String> positional;

    Options(String command, List<String> args) {
        this.command = command;
        this.args = args;
    }

    Options describe(String name, String description, String defaultValue) {
        specs.put(name, new Spec(description, defaultValue, false));
        return this;
    }

    Options flag(String name, String description) {
        specs.put(name, new Spec(description, "off", true));
        return this;
    }

    private void parse() {
        if (values != null) return;
        values = new LinkedHashMap<>();
        positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                values.put("--help", "true");
                continue;
            }
            if (!a.startsWith("--")) {
                positional.add(a);
                continue;
            }
            String name = a, value = null;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            Spec s = specs.get(name);
            if (s == null) throw new UsageException("unknown option " + name + "; run 'convkit " + command + " --help'");
            if (s.flag()) {
                values.put(name, "true");
            } else {
                if (value == null) {
                    if (i + 1 >= args.size()) throw new UsageException("option " + name + " needs a value");
                    value = args.get(++i);
                }
                values.put(name, value);
            }
        }
    }

    boolean help() {
        parse();
        return values.containsKey("--help");
    }

    List<String> positional() {
        parse();
        return positional;
    }

    boolean has(String name) {
        parse();
        return values.containsKey(name);
    }

    boolean isSet(String name) {
        return has(name);
    }

    String get(String name) {
        parse();
        String v = values.get(name);
        if (v != null) return v;
        Spec s = specs.get(name);
        if (s == null) throw new IllegalArgumentException("undeclared option " + name);
        return s.defaultValue();
    }

    int getInt(String name, int min, int max) {
        String v = get(name);
        try {
            int x = Integer.parseInt(v);
            if (x < min || x > max) throw new UsageException("option " + name + " must be in [" + min + ", " + max + "], got " + v);
            return x;
        } catch (NumberFormatException e) {
            throw new UsageException("option " + name + " expects a whole number, got '" + v + "'");
        }
    }

    long getLong(String name) {
        String v = get(name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException("option " + name + " expects a whole number, got '" + v + "'");
        }
    }

    double getDouble(String name) {
        String v = get(name);
        try {
            double x = Double.parseDouble(v);
            if (!Double.isFinite(x)) throw new NumberFormatException();
            return x;
        } catch (NumberFormatException e) {
            throw new UsageException("option " + name + " expects a number, got '" + v + "'");
        }
    }

    String usage(String what) {
        StringBuilder b = new StringBuilder("usage: convkit ").append(command).append(" [options]\n").append(what).append("\n\n");
        for (var e : specs.entrySet()) {
            b.append(String.format("  %-14s %s%s%n", e.getKey(), e.getValue().description(),
                    e.getValue().flag() ? "" : " (default: " + e.getValue().defaultValue() + ")"));
        }
        return b.toString();
    }
}
