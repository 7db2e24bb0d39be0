package io.laminar.connector.generator;

/**
 * One Nexmark event as a plain value: the convenient view for tests, tools and the benchmark's reference checks.
 * The hot path never builds these; it writes fields straight into a batch ({@link NexmarkGenerator#write}).
 * Times are epoch milliseconds (UTC).
 */
public sealed interface NexmarkEvent {
    /** The event's position in the stream; its kind is {@code eventNumber % 50}. */
    long eventNumber();

    /** Event time, epoch milliseconds. */
    long dateTime();

    NexmarkTable table();

    record Person(long eventNumber, long id, String name, String emailAddress, String creditCard, String city,
                  String state, long dateTime, String extra) implements NexmarkEvent {
        @Override public NexmarkTable table() { return NexmarkTable.PERSON; }
    }

    record Auction(long eventNumber, long id, String itemName, String description, long initialBid, long reserve,
                   long dateTime, long expires, long seller, long category, String extra) implements NexmarkEvent {
        @Override public NexmarkTable table() { return NexmarkTable.AUCTION; }
    }

    record Bid(long eventNumber, long auction, long bidder, long price, String channel, String url, long dateTime,
               String extra) implements NexmarkEvent {
        @Override public NexmarkTable table() { return NexmarkTable.BID; }
    }
}
