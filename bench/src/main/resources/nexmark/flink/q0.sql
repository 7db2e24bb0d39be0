-- DATETIME is a keyword in Flink 2.x SQL, so the reference column name is quoted: `dateTime`
SELECT auction, bidder, price, channel, url, `dateTime`, extra FROM bid
