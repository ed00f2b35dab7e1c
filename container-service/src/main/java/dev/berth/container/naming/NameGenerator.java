package dev.berth.container.naming;

import java.util.List;
import java.util.random.RandomGenerator;

import org.springframework.stereotype.Component;

/**
 * Names for unnamed containers in Docker's "adjective_surname" shape. Our own word lists:
 * adjectives of temperament, surnames of navigators, cartographers and harbour engineers
 * (the project is called Berth). A retry after a collision appends a digit, as Docker does.
 */
@Component
public class NameGenerator {

    static final List<String> ADJECTIVES = List.of(
            "able", "agile", "amber", "ardent", "auspicious", "balmy", "bold", "brave", "breezy", "bright",
            "brisk", "buoyant", "calm", "candid", "cheerful", "clever", "cosy", "crisp", "curious", "daring",
            "dauntless", "deft", "devoted", "diligent", "eager", "earnest", "easy", "fair", "faithful", "fearless",
            "fervent", "festive", "fond", "frank", "gallant", "gentle", "glad", "golden", "graceful", "hardy",
            "hearty", "honest", "hopeful", "humble", "jolly", "jovial", "keen", "kind", "lively", "loyal",
            "lucid", "mellow", "merry", "mindful", "modest", "nimble", "noble", "patient", "placid", "plucky",
            "polite", "proud", "quiet", "radiant", "ready", "serene", "sincere", "snug", "spirited", "stalwart",
            "steady", "stoic", "sturdy", "sunny", "swift", "tender", "thrifty", "tidy", "tranquil", "trusty",
            "upbeat", "valiant", "vivid", "warm", "wary", "willing", "wise", "witty", "zealous", "zesty");

    static final List<String> SURNAMES = List.of(
            "abel", "amundsen", "baffin", "banks", "barents", "bering", "bligh", "brunel", "cabot", "cabral",
            "cartier", "champlain", "cheng", "cook", "cousteau", "dampier", "dias", "drake", "earhart", "eriksson",
            "flinders", "frobisher", "gama", "hudson", "humboldt", "ibn_battuta", "janszoon", "kupe", "laperouse",
            "magellan", "mercator", "nansen", "ortelius", "park", "peary", "piccard", "polo", "raleigh", "ross",
            "sacagawea", "scott", "shackleton", "smeaton", "stevenson", "tasman", "telford", "vancouver",
            "vespucci", "zheng");

    private final RandomGenerator random;

    public NameGenerator() {
        this(RandomGenerator.getDefault());
    }

    NameGenerator(RandomGenerator random) {
        this.random = random;
    }

    /** {@code attempt} 0 gives a plain name; later attempts add a digit to dodge collisions. */
    public String generate(int attempt) {
        String name = ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "_"
                + SURNAMES.get(random.nextInt(SURNAMES.size()));
        return attempt > 0 ? name + random.nextInt(10) : name;
    }
}
