package io.laminar.connector.generator;

import io.laminar.data.Batch;
import io.laminar.data.RowKind;
import java.nio.charset.StandardCharsets;

/**
 * The Nexmark event stream as a pure function of ({@link NexmarkConfig}, event number).
 *
 * <p>Event {@code n} (counting from 0) is a person when {@code n % 50 == 0}, an auction when {@code n % 50} is 1..3
 * and a bid otherwise (1 : 3 : 46). Its event time is {@link NexmarkConfig#eventTime(long)}. Ids follow the
 * community generator: person {@code n} has id {@code firstPersonId + n / 50}; the auctions are numbered in stream
 * order from {@code firstAuctionId}; a bid goes with probability {@code 1 - 1/hotAuctionRatio} to the hot auction
 * (the first of the latest group of 100 auctions) and otherwise to one of the last {@code numInFlightAuctions}
 * auctions (plus up to 10 not yet created); bidders and sellers likewise (the second / first person of the latest
 * group of 100 people, or one of the last {@code numActivePeople} plus 10). Prices are
 * {@code round(10^(6u) * 100)} for uniform {@code u}. Half the bids go to four hot channels (Google, Facebook,
 * Baidu, Apple), the rest to {@code channel-0 .. channel-9999}; urls are
 * {@code https://www.nexmark.com/<a>/<b>/<c>/item.htm?query=1}, and as in the community generator nine in ten of
 * the non-hot channels add {@code &channel_id=<abs(Integer.reverse(channel))>} (computed in long arithmetic, so
 * channel 1 gets 2147483648 where the community's int arithmetic gives -2147483648). Auction expiry is the auction's time
 * plus 1 .. 2h ms, where h is the event time it takes to create {@code numInFlightAuctions} more auctions.
 *
 * <p>Every random choice comes from a stream positioned on (seed, event number, field) ({@link EventRandom}), so an
 * event can be generated alone — a bid source skips persons and auctions for free — and results never depend on
 * which fields a source declares. The values are ours, not the community generator's (whose streams depend on
 * {@code java.util.Random} and, for urls, on an unseeded one); the distributions are the same. The {@code extra}
 * padding is a slice of a per-seed pool of random letters starting at one of {@link #EXTRA_OFFSETS} offsets (so
 * paddings repeat and are made once: generating a bid allocates nothing in steady state), with the community's length rule (the event's average
 * size minus its other fields, ±20 %).
 *
 * <p>Single-threaded: a generator owns scratch state; use one per thread.
 */
public final class NexmarkGenerator {
    public static final int PROPORTION_TOTAL = 50;
    public static final int PERSON_PROPORTION = 1;
    public static final int AUCTION_PROPORTION = 3;

    /** Hot auctions, bidders and sellers are picked within groups of this many recent ids. */
    static final int HOT_GROUP = 100;
    /** How many not-yet-created person / auction ids a cold pick may land on. */
    static final int ID_LEAD = 10;
    public static final int CHANNELS = 10_000;
    static final int HOT_CHANNEL_RATIO = 2;
    public static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};
    public static final String URL_PREFIX = "https://www.nexmark.com/";
    public static final String URL_SUFFIX = "item.htm?query=1";

    static final String[] US_STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
    static final String[] US_CITIES = {"Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend",
        "Redmond", "Seattle", "Kent", "Cheyenne"};
    static final String[] FIRST_NAMES = {"Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah",
        "Deiter", "Walter"};
    static final String[] LAST_NAMES = {"Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones",
        "Noris"};

    // Field streams: each random field of an event draws from its own stream.
    private static final int R_AUCTION = 0, R_BIDDER = 1, R_PRICE = 2, R_CHANNEL = 3, R_EXTRA = 4,
            R_NAME = 5, R_EMAIL = 6, R_CARD = 7, R_CITY = 8, R_STATE = 9,
            R_ITEM = 10, R_DESCRIPTION = 11, R_INITIAL = 12, R_RESERVE = 13, R_EXPIRES = 14, R_SELLER = 15,
            R_CATEGORY = 16, R_CHANNEL_TABLE = 17, R_POOL = 18, R_EMAIL_DOMAIN = 19;

    private static final int POOL_BASE = 1 << 16;

    private final NexmarkConfig config;
    private final EventRandom random;
    private final long bidderOffset;
    private final long auctionLifetimeEvents;
    /** Index 0..3 the hot channels, 4.. channel-0 ... */
    private final String[] channelNames = new String[HOT_CHANNELS.length + CHANNELS];
    private final String[] channelUrls = new String[HOT_CHANNELS.length + CHANNELS];
    private final byte[] pool;
    private final char[] scratch = new char[128];
    /** Paddings start at one of this many offsets of the pool (see {@link #cachedExtra}). */
    static final int EXTRA_OFFSETS = 64;
    /** Lengths a cache row tells apart: a power of two above a bid padding's spread of lengths (28 by default). */
    private static final int EXTRA_LENGTHS = 32;
    private static final int EXTRA_CACHE = EXTRA_OFFSETS * EXTRA_LENGTHS;
    private final String[] extraCache = new String[EXTRA_CACHE];
    /**
     * Each cached padding's offset and length ({@code offset << 32 | length}): a hit is told from this array alone,
     * without reading the string (a cache miss per bid: two thousand paddings of some hundred bytes).
     */
    private final long[] extraCacheKey = new long[EXTRA_CACHE];
    /** Events {@code [timeFrom, timeUntil)} share the event time {@code timeValue} ({@link #eventTime}). */
    private long timeFrom, timeUntil, timeValue;
    private Batch[] viewBatches;

    public NexmarkGenerator(NexmarkConfig config) {
        this.config = config;
        this.random = new EventRandom(config.seed());
        this.bidderOffset = config.firstPersonId() * (config.bidderIdQuirk() ? 2 : 1);
        this.auctionLifetimeEvents = (long) config.numInFlightAuctions() * PROPORTION_TOTAL / AUCTION_PROPORTION;
        for (int i = 0; i < HOT_CHANNELS.length; i++) {
            random.reset(-1 - i, R_CHANNEL_TABLE);
            channelNames[i] = HOT_CHANNELS[i];
            channelUrls[i] = baseUrl();
        }
        for (int ch = 0; ch < CHANNELS; ch++) {
            random.reset(ch, R_CHANNEL_TABLE);
            String url = baseUrl();
            if (random.nextInt(10) > 0) url = url + "&channel_id=" + Math.abs((long) Integer.reverse(ch));
            channelNames[HOT_CHANNELS.length + ch] = "channel-" + ch;
            channelUrls[HOT_CHANNELS.length + ch] = url;
        }
        int maxExtra = (int) Math.ceil(Math.max(config.avgPersonBytes(),
                Math.max(config.avgAuctionBytes(), config.avgBidBytes())) * 1.25) + 2;
        pool = new byte[POOL_BASE + maxExtra];
        random.reset(0, R_POOL);
        for (int i = 0; i < pool.length; ) {
            long bits = random.nextLong() >>> 1;
            for (int k = 0; k < 12 && i < pool.length; k++) {
                pool[i++] = (byte) ('a' + (int) (bits % 26));
                bits /= 26;
            }
        }
    }

    public NexmarkConfig config() { return config; }

    // ---------------------------------------------------------------- stream structure (no randomness)

    /** The table event {@code n} belongs to. */
    public static NexmarkTable kindOf(long n) {
        long offset = n % PROPORTION_TOTAL;
        if (offset < PERSON_PROPORTION) return NexmarkTable.PERSON;
        if (offset < PERSON_PROPORTION + AUCTION_PROPORTION) return NexmarkTable.AUCTION;
        return NexmarkTable.BID;
    }

    /** The first event number {@code >= n} that belongs to {@code table}. */
    public static long nextEventOf(long n, NexmarkTable table) {
        long offset = n % PROPORTION_TOTAL;
        long epochStart = n - offset;
        return switch (table) {
            case PERSON -> offset == 0 ? n : epochStart + PROPORTION_TOTAL;
            case AUCTION -> offset == 0 ? n + 1 : offset <= AUCTION_PROPORTION ? n
                    : epochStart + PROPORTION_TOTAL + PERSON_PROPORTION;
            case BID -> offset < PERSON_PROPORTION + AUCTION_PROPORTION ? epochStart + PERSON_PROPORTION + AUCTION_PROPORTION : n;
        };
    }

    /** How many of the events {@code 0 .. events-1} belong to {@code table}. */
    public static long countOf(long events, NexmarkTable table) {
        long epochs = events / PROPORTION_TOTAL;
        long rest = events % PROPORTION_TOTAL;
        return switch (table) {
            case PERSON -> epochs * PERSON_PROPORTION + Math.min(rest, PERSON_PROPORTION);
            case AUCTION -> epochs * AUCTION_PROPORTION
                    + Math.max(0, Math.min(rest, PERSON_PROPORTION + AUCTION_PROPORTION) - PERSON_PROPORTION);
            case BID -> epochs * (PROPORTION_TOTAL - PERSON_PROPORTION - AUCTION_PROPORTION)
                    + Math.max(0, rest - PERSON_PROPORTION - AUCTION_PROPORTION);
        };
    }

    /** Base-0 id of the latest person at event {@code n} (the one created by {@code n} if it is a person). */
    public static long lastPersonBase0(long n) {
        long epoch = n / PROPORTION_TOTAL;
        long offset = Math.min(n % PROPORTION_TOTAL, PERSON_PROPORTION - 1);
        return epoch * PERSON_PROPORTION + offset;
    }

    /** Base-0 id of the latest auction at event {@code n} (-1 before the first auction). */
    public static long lastAuctionBase0(long n) {
        long epoch = n / PROPORTION_TOTAL;
        long offset = n % PROPORTION_TOTAL;
        if (offset < PERSON_PROPORTION) {
            epoch--;
            offset = AUCTION_PROPORTION - 1;
        } else if (offset >= PERSON_PROPORTION + AUCTION_PROPORTION) {
            offset = AUCTION_PROPORTION - 1;
        } else {
            offset -= PERSON_PROPORTION;
        }
        return epoch * AUCTION_PROPORTION + offset;
    }

    /**
     * Event time of event {@code n}, epoch millis: {@link NexmarkConfig#eventTime}, whose three divisions by the rate
     * are paid once per millisecond of event time — the range of events that share the time is remembered, and
     * events come in order (ten per millisecond at the reference rate).
     */
    public long eventTime(long n) {
        if (n >= timeFrom && n < timeUntil) return timeValue;
        long rate = config.eventRate();
        long whole = n / rate, rest = n % rate;
        long millis = rest * 1000 / rate;
        // rest * 1000 / rate == millis exactly for rest in [ceil(millis * rate / 1000), ceil((millis + 1) * rate / 1000))
        long blockStart = whole * rate;
        timeFrom = blockStart + Math.ceilDiv(millis * rate, 1000);
        timeUntil = blockStart + Math.min(Math.ceilDiv((millis + 1) * rate, 1000), rate);
        timeValue = config.eventTime(n);
        return timeValue;
    }

    // ---------------------------------------------------------------- writing into batches

    /**
     * Appends event {@code n} to {@code out} as an insert row if it belongs to {@code table}; returns false (and
     * writes nothing) otherwise. {@code columnMap[f]} is the column of {@code out} that receives field {@code f}
     * of the table (see {@link NexmarkTable#bind}), or -1 to leave the field out. No intermediate objects: longs go
     * straight into the column arrays; only strings allocate.
     */
    public boolean write(long n, NexmarkTable table, Batch out, int[] columnMap) {
        return switch (table) {
            case PERSON -> writePerson(n, out, columnMap);
            case AUCTION -> writeAuction(n, out, columnMap);
            case BID -> writeBid(n, out, columnMap);
        };
    }

    /** {@link #write} for bids. */
    public boolean writeBid(long n, Batch out, int[] map) {
        if (kindOf(n) != NexmarkTable.BID) return false;
        int r = out.addRow(RowKind.INSERT);
        int c;
        if ((c = map[NexmarkTable.BID_AUCTION]) >= 0) out.longs[c][r] = bidAuction(n);
        if ((c = map[NexmarkTable.BID_BIDDER]) >= 0) out.longs[c][r] = bidBidder(n);
        if ((c = map[NexmarkTable.BID_PRICE]) >= 0) out.longs[c][r] = price(n, R_PRICE);
        int channelColumn = map[NexmarkTable.BID_CHANNEL];
        int urlColumn = map[NexmarkTable.BID_URL];
        if (channelColumn >= 0 || urlColumn >= 0) {
            int ch = bidChannel(n);
            if (channelColumn >= 0) out.objects[channelColumn][r] = channelNames[ch];
            if (urlColumn >= 0) out.objects[urlColumn][r] = channelUrls[ch];
        }
        if ((c = map[NexmarkTable.BID_DATE_TIME]) >= 0) out.longs[c][r] = eventTime(n);
        if ((c = map[NexmarkTable.BID_EXTRA]) >= 0) out.objects[c][r] = extra(n, 8 + 8 + 8 + 8, config.avgBidBytes());
        return true;
    }

    /** {@link #write} for auctions. */
    public boolean writeAuction(long n, Batch out, int[] map) {
        if (kindOf(n) != NexmarkTable.AUCTION) return false;
        int r = out.addRow(RowKind.INSERT);
        int c;
        long time = eventTime(n);
        if ((c = map[NexmarkTable.AUCTION_ID]) >= 0) out.longs[c][r] = lastAuctionBase0(n) + config.firstAuctionId();
        int extraColumn = map[NexmarkTable.AUCTION_EXTRA];
        int itemColumn = map[NexmarkTable.AUCTION_ITEM_NAME];
        int descriptionColumn = map[NexmarkTable.AUCTION_DESCRIPTION];
        if (itemColumn >= 0 || descriptionColumn >= 0 || extraColumn >= 0) {
            String item = randomString(n, R_ITEM, 20);
            String description = randomString(n, R_DESCRIPTION, 100);
            if (itemColumn >= 0) out.objects[itemColumn][r] = item;
            if (descriptionColumn >= 0) out.objects[descriptionColumn][r] = description;
            if (extraColumn >= 0) {
                int size = 8 + item.length() + description.length() + 8 + 8 + 8 + 8 + 8;
                out.objects[extraColumn][r] = extra(n, size, config.avgAuctionBytes());
            }
        }
        int initialColumn = map[NexmarkTable.AUCTION_INITIAL_BID];
        int reserveColumn = map[NexmarkTable.AUCTION_RESERVE];
        if (initialColumn >= 0 || reserveColumn >= 0) {
            long initial = price(n, R_INITIAL);
            if (initialColumn >= 0) out.longs[initialColumn][r] = initial;
            if (reserveColumn >= 0) out.longs[reserveColumn][r] = initial + price(n, R_RESERVE);
        }
        if ((c = map[NexmarkTable.AUCTION_DATE_TIME]) >= 0) out.longs[c][r] = time;
        if ((c = map[NexmarkTable.AUCTION_EXPIRES]) >= 0) out.longs[c][r] = auctionExpires(n, time);
        if ((c = map[NexmarkTable.AUCTION_SELLER]) >= 0) out.longs[c][r] = auctionSeller(n);
        if ((c = map[NexmarkTable.AUCTION_CATEGORY]) >= 0) {
            random.reset(n, R_CATEGORY);
            out.longs[c][r] = config.firstCategoryId() + random.nextInt(config.numCategories());
        }
        return true;
    }

    /** {@link #write} for persons. */
    public boolean writePerson(long n, Batch out, int[] map) {
        if (kindOf(n) != NexmarkTable.PERSON) return false;
        int r = out.addRow(RowKind.INSERT);
        int c;
        if ((c = map[NexmarkTable.PERSON_ID]) >= 0) out.longs[c][r] = lastPersonBase0(n) + config.firstPersonId();
        random.reset(n, R_NAME);
        String name = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " "
                + LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        String email = randomString(n, R_EMAIL, 7) + "@" + randomString(n, R_EMAIL_DOMAIN, 5) + ".com";
        String card = creditCard(n);
        random.reset(n, R_CITY);
        String city = US_CITIES[random.nextInt(US_CITIES.length)];
        random.reset(n, R_STATE);
        String state = US_STATES[random.nextInt(US_STATES.length)];
        if ((c = map[NexmarkTable.PERSON_NAME]) >= 0) out.objects[c][r] = name;
        if ((c = map[NexmarkTable.PERSON_EMAIL]) >= 0) out.objects[c][r] = email;
        if ((c = map[NexmarkTable.PERSON_CREDIT_CARD]) >= 0) out.objects[c][r] = card;
        if ((c = map[NexmarkTable.PERSON_CITY]) >= 0) out.objects[c][r] = city;
        if ((c = map[NexmarkTable.PERSON_STATE]) >= 0) out.objects[c][r] = state;
        if ((c = map[NexmarkTable.PERSON_DATE_TIME]) >= 0) out.longs[c][r] = eventTime(n);
        if ((c = map[NexmarkTable.PERSON_EXTRA]) >= 0) {
            int size = 8 + name.length() + email.length() + card.length() + city.length() + state.length();
            out.objects[c][r] = extra(n, size, config.avgPersonBytes());
        }
        return true;
    }

    // ---------------------------------------------------------------- value views

    /** Event {@code n} as a value (allocates; for tests and tools). */
    public NexmarkEvent event(long n) {
        return switch (kindOf(n)) {
            case PERSON -> person(n);
            case AUCTION -> auction(n);
            case BID -> bid(n);
        };
    }

    /** Bid {@code n}; throws IllegalArgumentException when event {@code n} is not a bid. */
    public NexmarkEvent.Bid bid(long n) {
        Batch b = view(NexmarkTable.BID, n);
        return new NexmarkEvent.Bid(n, b.longs[0][0], b.longs[1][0], b.longs[2][0], (String) b.objects[3][0],
                (String) b.objects[4][0], b.longs[5][0], (String) b.objects[6][0]);
    }

    /** Auction {@code n}; throws IllegalArgumentException when event {@code n} is not an auction. */
    public NexmarkEvent.Auction auction(long n) {
        Batch b = view(NexmarkTable.AUCTION, n);
        return new NexmarkEvent.Auction(n, b.longs[0][0], (String) b.objects[1][0], (String) b.objects[2][0],
                b.longs[3][0], b.longs[4][0], b.longs[5][0], b.longs[6][0], b.longs[7][0], b.longs[8][0],
                (String) b.objects[9][0]);
    }

    /** Person {@code n}; throws IllegalArgumentException when event {@code n} is not a person. */
    public NexmarkEvent.Person person(long n) {
        Batch b = view(NexmarkTable.PERSON, n);
        return new NexmarkEvent.Person(n, b.longs[0][0], (String) b.objects[1][0], (String) b.objects[2][0],
                (String) b.objects[3][0], (String) b.objects[4][0], (String) b.objects[5][0], b.longs[6][0],
                (String) b.objects[7][0]);
    }

    private Batch view(NexmarkTable table, long n) {
        if (kindOf(n) != table) {
            throw new IllegalArgumentException("event " + n + " is a " + kindOf(n).tableName() + ", not a "
                    + table.tableName() + " (kind = n % 50: 0 person, 1-3 auction, else bid)");
        }
        if (viewBatches == null) viewBatches = new Batch[NexmarkTable.values().length];
        Batch b = viewBatches[table.ordinal()];
        if (b == null) b = viewBatches[table.ordinal()] = new Batch(table.schema(), 1);
        b.clear();
        write(n, table, b, table.identityMap());
        return b;
    }

    // ---------------------------------------------------------------- fields

    private long bidAuction(long n) {
        random.reset(n, R_AUCTION);
        long base0;
        if (random.nextInt(config.hotAuctionRatio()) > 0) {
            base0 = (lastAuctionBase0(n) / HOT_GROUP) * HOT_GROUP;
        } else {
            base0 = nextAuctionBase0(n);
        }
        return base0 + config.firstAuctionId();
    }

    private long bidBidder(long n) {
        random.reset(n, R_BIDDER);
        long base0;
        if (random.nextInt(config.hotBiddersRatio()) > 0) {
            // the second person of the latest group, so hot bidders and hot sellers differ
            base0 = (lastPersonBase0(n) / HOT_GROUP) * HOT_GROUP + 1;
        } else {
            base0 = nextPersonBase0(n);
        }
        return base0 + bidderOffset;
    }

    private long auctionSeller(long n) {
        random.reset(n, R_SELLER);
        long base0;
        if (random.nextInt(config.hotSellersRatio()) > 0) {
            base0 = (lastPersonBase0(n) / HOT_GROUP) * HOT_GROUP;
        } else {
            base0 = nextPersonBase0(n);
        }
        return base0 + config.firstPersonId();
    }

    /** One of the active people, or a few not yet created; draws from the current stream. */
    private long nextPersonBase0(long n) {
        long people = lastPersonBase0(n) + 1;
        long active = Math.min(people, config.numActivePeople());
        return people - active + random.nextLong(active + ID_LEAD);
    }

    /** One of the auctions in flight, or a few not yet created; draws from the current stream. */
    private long nextAuctionBase0(long n) {
        long max = lastAuctionBase0(n);
        long min = Math.max(max - config.numInFlightAuctions(), 0);
        return min + random.nextLong(max - min + 1 + ID_LEAD);
    }

    private long price(long n, int stream) {
        random.reset(n, stream);
        return Math.round(Math.pow(10.0, random.nextDouble() * 6.0) * 100.0);
    }

    /** Index into {@link #channelNames}/{@link #channelUrls}. */
    private int bidChannel(long n) {
        random.reset(n, R_CHANNEL);
        if (random.nextInt(HOT_CHANNEL_RATIO) > 0) return random.nextInt(HOT_CHANNELS.length);
        return HOT_CHANNELS.length + random.nextInt(CHANNELS);
    }

    private long auctionExpires(long n, long time) {
        long horizon = config.eventTime(n + auctionLifetimeEvents) - time;
        random.reset(n, R_EXPIRES);
        return time + 1 + random.nextLong(Math.max(horizon * 2, 1));
    }

    private String creditCard(long n) {
        random.reset(n, R_CARD);
        char[] s = scratch;
        int p = 0;
        for (int g = 0; g < 4; g++) {
            if (g > 0) s[p++] = ' ';
            int v = random.nextInt(10_000);
            s[p++] = (char) ('0' + v / 1000);
            s[p++] = (char) ('0' + v / 100 % 10);
            s[p++] = (char) ('0' + v / 10 % 10);
            s[p++] = (char) ('0' + v % 10);
        }
        return new String(s, 0, p);
    }

    /** 3 .. maxLength-1 letters with about one space in 13, trimmed (the community's rule). */
    private String randomString(long n, int stream, int maxLength) {
        random.reset(n, stream);
        return randomString(maxLength, ' ');
    }

    private String randomString(int maxLength, char special) {
        int length = 3 + random.nextInt(maxLength - 3);
        char[] s = scratch;
        for (int i = 0; i < length; i++) {
            s[i] = random.nextInt(13) == 0 ? special : (char) ('a' + random.nextInt(26));
        }
        int start = 0, end = length;
        if (special == ' ') {
            while (start < end && s[start] == ' ') start++;
            while (end > start && s[end - 1] == ' ') end--;
        }
        return new String(s, start, end - start);
    }

    /** {@code https://www.nexmark.com/<a>/<b>/<c>/item.htm?query=1} from the current stream. */
    private String baseUrl() {
        return URL_PREFIX + randomString(5, '_') + '/' + randomString(5, '_') + '/' + randomString(5, '_') + '/'
                + URL_SUFFIX;
    }

    /**
     * Padding so that {@code currentSize + extra.length()} averages {@code averageSize}: a length uniform within
     * ±20 % of the gap, filled from the letter pool.
     */
    private String extra(long n, int currentSize, int averageSize) {
        if (currentSize > averageSize) return "";
        int gap = averageSize - currentSize;
        int delta = (int) Math.round(gap * 0.2);
        random.reset(n, R_EXTRA);
        int length = gap - delta + (delta == 0 ? 0 : random.nextInt(2 * delta));
        int offset = random.nextInt(EXTRA_OFFSETS) * (POOL_BASE / EXTRA_OFFSETS);
        return cachedExtra(offset, length);
    }

    /**
     * The pool slice {@code [offset, offset + length)} as a String, made once and then reused: paddings come from
     * {@link #EXTRA_OFFSETS} offsets, so a bid stream has a few tens of thousands of distinct paddings and, once they
     * have all been made, generating a bid allocates nothing. Direct-mapped by (offset, length); a slot taken by
     * another slice is replaced (persons' and auctions' longer paddings only cost an allocation, as before).
     */
    private String cachedExtra(int offset, int length) {
        int slot = ((offset / (POOL_BASE / EXTRA_OFFSETS)) * EXTRA_LENGTHS + (length & (EXTRA_LENGTHS - 1))) & (EXTRA_CACHE - 1);
        long key = (long) offset << 32 | length;
        String s = extraCache[slot];
        if (s != null && extraCacheKey[slot] == key) return s;
        s = new String(pool, offset, length, StandardCharsets.ISO_8859_1);
        extraCache[slot] = s;
        extraCacheKey[slot] = key;
        return s;
    }
}
