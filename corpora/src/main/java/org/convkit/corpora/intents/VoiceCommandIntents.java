package org.convkit.corpora.intents;

import org.convkit.corpora.Split;
import org.convkit.corpora.TextExample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A generated intent-classification set of spoken-style voice commands ("turn on the kitchen
 * lights", "what's the weather tomorrow", "set a timer for ten minutes", ...), for the demo and for
 * tests that need real sentence structure without a download.
 *
 * <p>Each intent has several phrasing templates with slots (room, time, number, city, genre...).
 * So that the test split measures generalisation rather than memory, the last template of every
 * intent and the last value of every slot list are kept for the test split only: a test sentence
 * always uses a phrasing, or a slot value, or both, never seen in training. Validation sentences
 * come from the training templates and values (with different random combinations). Same seed,
 * same sentences.
 */
public final class VoiceCommandIntents {

    /** Sizes of a generated set, per intent. */
    public record Settings(int trainPerIntent, int validationPerIntent, int testPerIntent, long seed) {
        public Settings {
            if (trainPerIntent < 1 || validationPerIntent < 0 || testPerIntent < 0) {
                throw new IllegalArgumentException("need trainPerIntent >= 1 and non-negative validation/test sizes");
            }
        }

        /** 150 training, 30 validation and 40 test sentences per intent, seed 7. */
        public static Settings defaults() {
            return new Settings(150, 30, 40, 7);
        }
    }

    private static final Map<String, List<String>> SLOTS = new LinkedHashMap<>();
    private static final Map<String, List<String>> INTENTS = new LinkedHashMap<>();

    static {
        SLOTS.put("room", List.of("kitchen", "living room", "bedroom", "bathroom", "hallway", "office", "garage",
                "dining room", "nursery", "basement"));
        SLOTS.put("when", List.of("today", "tomorrow", "tonight", "this weekend", "on monday", "this afternoon",
                "next week", "in the morning", "on friday"));
        SLOTS.put("city", List.of("london", "paris", "berlin", "chicago", "tokyo", "madrid", "boston", "sydney",
                "toronto", "dublin"));
        SLOTS.put("number", List.of("five", "ten", "fifteen", "twenty", "thirty", "two", "three", "forty five",
                "ninety", "twelve"));
        SLOTS.put("unit", List.of("minutes", "seconds", "hours"));
        SLOTS.put("clock", List.of("six thirty", "seven", "seven fifteen", "eight", "five forty five", "nine",
                "six", "ten past seven", "half past six"));
        SLOTS.put("genre", List.of("jazz", "rock", "classical music", "hip hop", "some country", "pop", "the blues",
                "reggae", "lo-fi beats", "folk songs"));
        SLOTS.put("degrees", List.of("twenty", "twenty one", "nineteen", "eighteen", "twenty two", "seventy",
                "sixty eight", "twenty three"));
        SLOTS.put("item", List.of("milk", "eggs", "bread", "coffee", "apples", "rice", "butter", "tomatoes",
                "cheese", "dish soap"));

        INTENTS.put("lights_on", List.of("turn on the {room} lights", "switch on the lights in the {room}",
                "lights on in the {room}", "can you turn the {room} light on", "please light up the {room}",
                "i need some light in the {room}"));
        INTENTS.put("lights_off", List.of("turn off the {room} lights", "switch off the lights in the {room}",
                "lights off in the {room}", "can you turn the {room} light off", "kill the lights in the {room}",
                "make it dark in the {room}"));
        INTENTS.put("weather", List.of("what's the weather {when}", "what is the weather like in {city} {when}",
                "will it rain {when}", "how hot will it be in {city} {when}", "do i need an umbrella {when}",
                "is it going to snow in {city} {when}"));
        INTENTS.put("set_timer", List.of("set a timer for {number} {unit}", "start a {number} {unit} timer",
                "timer for {number} {unit} please", "count down {number} {unit}", "can you time {number} {unit}",
                "put on a timer of {number} {unit}"));
        INTENTS.put("set_alarm", List.of("wake me up at {clock}", "set an alarm for {clock}",
                "alarm at {clock} {when}", "i want to get up at {clock}", "make sure i'm awake by {clock}",
                "set my alarm to {clock} {when}"));
        INTENTS.put("play_music", List.of("play some {genre}", "put on {genre} in the {room}", "i want to hear {genre}",
                "play {genre} music", "can you play {genre} please", "start playing {genre}"));
        INTENTS.put("thermostat", List.of("set the temperature to {degrees} degrees",
                "make it {degrees} degrees in the {room}", "heat the {room} to {degrees}",
                "change the thermostat to {degrees}", "i'd like it at {degrees} degrees", "warm the house up to {degrees}"));
        INTENTS.put("shopping_list", List.of("add {item} to my shopping list", "put {item} on the list",
                "we need {item}", "remember to buy {item}", "don't let me forget the {item}", "note that we're out of {item}"));
    }

    private VoiceCommandIntents() {
    }

    /** The intent labels, in a fixed order. */
    public static List<String> intents() {
        return List.copyOf(INTENTS.keySet());
    }

    /** Generates the examples of every split (training first, then validation, then test). */
    public static List<TextExample> generate(Settings s) {
        SplittableRandom r = new SplittableRandom(s.seed());
        List<TextExample> out = new ArrayList<>();
        for (Split split : new Split[]{Split.TRAIN, Split.VALIDATION, Split.TEST}) {
            int per = switch (split) {
                case TRAIN -> s.trainPerIntent();
                case VALIDATION -> s.validationPerIntent();
                case TEST -> s.testPerIntent();
            };
            for (var e : INTENTS.entrySet()) {
                List<String> templates = e.getValue();
                for (int i = 0; i < per; i++) {
                    String t;
                    boolean heldOutValues;
                    if (split == Split.TEST) {
                        // alternate: held-out phrasing with seen values, seen phrasing with held-out values, both held out
                        int mode = i % 3;
                        t = mode == 1 ? templates.get(r.nextInt(templates.size() - 1)) : templates.get(templates.size() - 1);
                        heldOutValues = mode != 0;
                    } else {
                        t = templates.get(r.nextInt(templates.size() - 1));
                        heldOutValues = false;
                    }
                    out.add(new TextExample(fill(t, r, heldOutValues), e.getKey(), split));
                }
            }
        }
        return out;
    }

    private static String fill(String template, SplittableRandom r, boolean heldOut) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                b.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            b.append(template, i, open);
            List<String> values = SLOTS.get(template.substring(open + 1, close));
            // the last value of each list is reserved for the test split
            b.append(heldOut ? values.get(values.size() - 1) : values.get(r.nextInt(values.size() - 1)));
            i = close + 1;
        }
        return b.toString();
    }

    /**
     * Writes the set as three TSV files ({@code label<TAB>text}) {@code train.tsv},
     * {@code validation.tsv}, {@code test.tsv} in {@code dir}, each via a temporary name.
     */
    public static void writeTsv(List<TextExample> examples, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Split split : Split.values()) {
            Path target = dir.resolve(split.label() + ".tsv");
            Path tmp = dir.resolve(split.label() + ".tsv.tmp");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (TextExample e : examples) {
                    if (e.split() == split) w.write(e.label() + "\t" + e.text() + "\n");
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
