-- q10 writes bids to files partitioned by day and hour-minute; the harness compares the rows with their partition
-- columns instead of the files
SELECT auction, bidder, price, `dateTime`, extra,
       DATE_FORMAT(`dateTime`, 'yyyy-MM-dd') AS dt, DATE_FORMAT(`dateTime`, 'HH:mm') AS hm
FROM bid
