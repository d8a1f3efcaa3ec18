package org.convkit.text.preprocess;

import java.util.regex.Pattern;

/**
 * Kim (2014)'s text normalisation, implemented from the rules of his reference preprocessing
 * ({@code clean_str} and {@code clean_str_sst} in the paper's released code), without lower-casing,
 * which {@link TextPreprocessorRuntime} applies separately.
 *
 * <p>One deliberate difference: the reference pads parentheses with a replacement string that
 * Python leaves as a literal backslash, so its tokens read {@code \(} and {@code \)}. Here the
 * parenthesis is padded with plain spaces, giving {@code (} and {@code )}, which is what the rule
 * describes.
 */
final class KimCleaner {

    /** Clitic suffixes split off as their own tokens, in the order the reference applies them. */
    private static final Pattern[] CLITICS = {
        Pattern.compile("'s"), Pattern.compile("'ve"), Pattern.compile("n't"),
        Pattern.compile("'re"), Pattern.compile("'d"), Pattern.compile("'ll")
    };
    private static final Pattern PADDED_PUNCTUATION = Pattern.compile("[,!()?]");
    private static final Pattern SPACES = Pattern.compile(" +");
    private static final String[] NO_TOKENS = new String[0];

    private KimCleaner() {
    }

    /**
     * Applies {@code clean_str} (without lower-casing) to {@code text} and splits the result on
     * spaces.
     *
     * @param text any string, possibly already a single token
     * @return the resulting tokens; empty if nothing survives the character filter
     */
    static String[] cleanStr(String text) {
        String s = keepAllowedCharacters(text);
        for (Pattern clitic : CLITICS) {
            s = clitic.matcher(s).replaceAll(" $0");
        }
        s = PADDED_PUNCTUATION.matcher(s).replaceAll(" $0 ");
        return splitOnSpaces(s);
    }

    /**
     * Applies {@code clean_str_sst} (without lower-casing): the character filter and whitespace
     * collapse only.
     *
     * @param text any string
     * @return the resulting tokens; empty if nothing survives the character filter
     */
    static String[] cleanStrSst(String text) {
        return splitOnSpaces(keepAllowedCharacters(text));
    }

    /** Replaces every character outside {@code [A-Za-z0-9(),!?'`]} by a space. */
    static String keepAllowedCharacters(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (!isAllowed(chars[i])) {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '(' || c == ')' || c == ',' || c == '!' || c == '?' || c == '\'' || c == '`';
    }

    private static String[] splitOnSpaces(String s) {
        String stripped = s.strip();
        return stripped.isEmpty() ? NO_TOKENS : SPACES.split(stripped);
    }
}
