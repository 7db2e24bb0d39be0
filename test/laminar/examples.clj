(ns laminar.examples
  "The example corpus: every map the docs talk about, each with the SQL a person would write for it by hand (when
  the hand-written text differs from what ->sql renders). plan_equality_test checks map plan = rendered SQL plan =
  hand-written SQL plan for every entry.")

(def bids-source
  {:source/name      :bids
   :source/columns   [[:auction :bigint] [:bidder :bigint] [:price :bigint] [:channel :varchar] [:ts :timestamp]]
   :source/watermark {:column :ts :delay [4 :seconds]}})

(def people-source
  {:source/name      :people
   :source/columns   [[:id :bigint :not-null] [:name :varchar] [:city :varchar] [:ts :timestamp]]
   :source/watermark {:column :ts :delay [0 :seconds]}})

(defn- timed-source
  "A MEMORY source with an event-time column :ts (watermark 1 s behind)."
  [name cols & {:as more}]
  (merge {:source/name name :source/columns (conj cols [:ts :timestamp]) :source/watermark {:column :ts :delay [1 :seconds]}}
         more))

;; the inputs of the join examples (the same shapes as test/io/laminar/JoinTest.java's)
(def orders-source (timed-source :orders [[:id :bigint] [:customer :bigint] [:amount :bigint]]))
(def shipments-source (timed-source :shipments [[:order-id :bigint] [:carrier :varchar]]))
(def trades-source (timed-source :trades [[:sym :varchar] [:qty :bigint]]))
(def quotes-source (timed-source :quotes [[:sym :varchar] [:bid :bigint]]))
(def payments-source (timed-source :payments [[:cur :varchar] [:amount :bigint]]))
(def rates-source
  "An upsert source: the changelog of each currency's rate, read by temporal joins as a versioned table."
  (timed-source :rates [[:cur :varchar] [:rate :bigint]] :source/primary-key [:cur]))
(def customers-table {:table/name :customers :table/columns [[:id :bigint :primary-key] [:name :varchar] [:tier :bigint]]})
(def stamped-bids-source
  "A source with a processing-time column, for lookup joins by processing time."
  {:source/name :stamped-bids :source/columns [[:auction :bigint] [:price :bigint] [:pt :proctime]]})
(def tiers-lookup-table
  {:lookup-table/name :tiers :lookup-table/columns [[:id :bigint] [:label :varchar]] :lookup-table/primary-key [:id]
   :lookup-table/connector {:connector :files :path "test/laminar/fixtures/tiers.csv" :format :csv :cache :full}})

(def join-sources [orders-source shipments-source trades-source quotes-source payments-source rates-source
                   customers-table stamped-bids-source tiers-lookup-table])

(def sources (into [bids-source people-source] join-sources))

(def hop-window {:window/type :hop :window/time :ts :window/slide [2 :seconds] :window/size [10 :seconds]})

(def examples
  [{:name "filter and project"
    :map  {:stream/name :big-bids :from :bids :where [:> :price 100] :select [:auction :bidder :price]}
    :sql  "CREATE STREAM big_bids AS SELECT auction, bidder, price FROM bids WHERE price > 100"}

   {:name "arithmetic, CASE and CAST"
    :map  {:stream/name :euro
           :from        :bids
           :select      {:auction :auction
                         :euros   [:* 0.908 :price]
                         :band    [:case [:< :price 10] "low" [:< :price 100] "mid" :else "high"]
                         :p       [:cast :price :double]}}
    :sql  "CREATE STREAM euro AS SELECT auction, 0.908 * price AS euros,
             CASE WHEN price < 10 THEN 'low' WHEN price < 100 THEN 'mid' ELSE 'high' END AS band,
             CAST(price AS DOUBLE) AS p FROM bids"}

   {:name "hot items: HOP window, filter, count"
    :map  {:stream/name :hot-items
           :from        :bids
           :where       [:> :price 100]
           :window      hop-window
           :group-by    [:auction]
           :select      {:auction :auction :window-end :window-end :num [:count :*]}
           :emit        :on-window-close}
    :sql  "CREATE STREAM hot_items AS
             SELECT auction, window_end, COUNT(*) AS num
             FROM TABLE(HOP(TABLE bids, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
             WHERE price > 100
             GROUP BY auction, window_start, window_end
             EMIT ON WINDOW CLOSE"}

   {:name "group-window spelling (TUMBLE in GROUP BY) equals the map"
    :map  {:stream/name :per-10s
           :from        :bids
           :window      {:window/type :tumble :window/time :ts :window/size [10 :seconds]}
           :group-by    [:auction]
           :select      {:auction :auction :window-end :window-end :bids [:count :*]}}
    :sql  "CREATE STREAM per_10s AS
             SELECT auction, TUMBLE_END(ts, INTERVAL '10' SECOND) AS window_end, COUNT(*) AS bids
             FROM bids GROUP BY auction, TUMBLE(ts, INTERVAL '10' SECOND)"}

   {:name "TUMBLE with offset, every aggregate"
    :map  {:stream/name :stats
           :from        :bids
           :window      {:window/type :tumble :window/time :ts :window/size [1 :minutes] :window/offset [15 :seconds]}
           :group-by    [:channel]
           :select      {:channel :channel :window-start :window-start
                         :n [:count :*] :bidders [:count-distinct :bidder] :total [:sum :price]
                         :low [:min :price] :high [:max :price] :mean [:avg :price]}
           :emit        :final}
    :sql  "CREATE STREAM stats AS
             SELECT channel, window_start, COUNT(*) AS n, COUNT(DISTINCT bidder) AS bidders, SUM(price) AS total,
                    MIN(price) AS low, MAX(price) AS high, AVG(price) AS mean
             FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '15' SECOND))
             GROUP BY channel, window_start, window_end EMIT FINAL"}

   {:name "SESSION per bidder with FILTER and HAVING"
    :map  {:stream/name :sessions
           :from        :bids
           :window      {:window/type :session :window/time :ts :window/key :bidder :window/gap [30 :seconds]}
           :group-by    [:bidder]
           :select      {:bidder :bidder :window-start :window-start :window-end :window-end
                         :bids [:count :*] :big [:filter [:count :*] [:> :price 100]]}
           :having      [:>= [:count :*] 2]}
    :sql  "CREATE STREAM sessions AS
             SELECT bidder, window_start, window_end, COUNT(*) AS bids, COUNT(*) FILTER (WHERE price > 100) AS big
             FROM TABLE(SESSION(TABLE bids, DESCRIPTOR(ts), DESCRIPTOR(bidder), INTERVAL '30' SECOND))
             GROUP BY bidder, window_start, window_end HAVING COUNT(*) >= 2"}

   {:name "CUMULATE with EMIT EVERY and lateness"
    :map  {:stream/name    :running-total
           :from           :bids
           :window         {:window/type :cumulate :window/time :ts :window/step [10 :seconds] :window/size [1 :minutes]}
           :select         {:window-end :window-end :total [:sum :price]}
           :emit           {:every [1 :seconds]}
           :allow-lateness [5 :seconds]
           :late-data-to   :late-bids}
    :sql  "CREATE STREAM running_total AS
             SELECT window_end, SUM(price) AS total
             FROM TABLE(CUMULATE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '1' MINUTE))
             GROUP BY window_start, window_end
             EMIT EVERY INTERVAL '1' SECOND ALLOW LATENESS INTERVAL '5' SECOND LATE DATA TO late_bids"}

   {:name "unbounded GROUP BY (a changelog)"
    :map  {:view/name :totals :from :bids :group-by [:auction] :select {:auction :auction :total [:sum :price]}}
    :sql  "CREATE MATERIALIZED VIEW totals AS SELECT auction, SUM(price) AS total FROM bids GROUP BY auction"}

   {:name "strings, IN, BETWEEN, IS NOT NULL, LIKE"
    :map  {:stream/name :picked
           :from        :people
           :where       [:and [:in :city ["Oslo" "Lima"]] [:between :id 1 1000] [:is-not-null :name]
                         [:not [:like :name "X%"]]]
           :select      {:id :id :shout [:upper :name]}}
    :sql  "CREATE STREAM picked AS SELECT id, UPPER(name) AS shout FROM people
             WHERE city IN ('Oslo', 'Lima') AND id BETWEEN 1 AND 1000 AND name IS NOT NULL AND NOT name LIKE 'X%'"}

   {:name "a subquery as :from"
    :map  {:stream/name :doubled
           :from        {:select {:auction :auction :p2 [:* 2 :price]} :from :bids :where [:> :price 1]}
           :where       [:< :p2 1000]
           :select      [:auction :p2]}
    :sql  "CREATE STREAM doubled AS SELECT auction, p2 FROM (SELECT auction, 2 * price AS p2 FROM bids WHERE price > 1)
             WHERE p2 < 1000"}

   {:name "interval join (INNER)"
    :map  {:stream/name :shipped
           :from        [:orders :o]
           :join        [[:shipments :s] [:and [:= :o.id :s.order-id] [:between :s.ts :o.ts [:+ :o.ts [10 :seconds]]]]]
           :select      [:o.id :o.amount :s.carrier]}
    :sql  "CREATE STREAM shipped AS SELECT o.id, o.amount, s.carrier FROM orders o JOIN shipments s
             ON o.id = s.order_id AND s.ts BETWEEN o.ts AND o.ts + INTERVAL '10' SECOND"}

   {:name "interval joins LEFT, RIGHT and FULL"
    :map  {:stream/name :unshipped
           :from        [:orders :o]
           :full-join   [[:shipments :s] [:and [:= :o.id :s.order-id] [:between :s.ts [:- :o.ts [5 :seconds]] [:+ :o.ts [10 :seconds]]]]]
           :select      {:id :o.id :carrier :s.carrier}}
    :sql  "CREATE STREAM unshipped AS SELECT o.id, s.carrier FROM orders o FULL OUTER JOIN shipments s
             ON o.id = s.order_id AND s.ts BETWEEN o.ts - INTERVAL '5' SECOND AND o.ts + INTERVAL '10' SECOND"}

   {:name "window join"
    :map  {:stream/name :per-window
           :from        [{:select {:customer :customer :window-start :window-start :window-end :window-end :n [:count :*]}
                          :from :orders :window {:window/type :tumble :window/time :ts :window/size [10 :seconds]}
                          :group-by [:customer]}
                         :o]
           :join        [[{:select {:order-id :order-id :window-start :window-start :window-end :window-end :m [:count :*]}
                           :from :shipments :window {:window/type :tumble :window/time :ts :window/size [10 :seconds]}
                           :group-by [:order-id]}
                          :s]
                         [:and [:= :o.customer :s.order-id] [:= :o.window-start :s.window-start]
                          [:= :o.window-end :s.window-end]]]
           :select      [:o.customer :o.n :s.m :o.window-end]}
    :sql  "CREATE STREAM per_window AS SELECT o.customer, o.n, s.m, o.window_end FROM
             (SELECT customer, window_start, window_end, COUNT(*) AS n
                FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY customer, window_start, window_end) o
             JOIN
             (SELECT order_id, window_start, window_end, COUNT(*) AS m
                FROM TABLE(TUMBLE(TABLE shipments, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY order_id, window_start, window_end) s
             ON o.customer = s.order_id AND o.window_start = s.window_start AND o.window_end = s.window_end"}

   {:name "ASOF join, nearest within a tolerance"
    :map  {:stream/name    :priced
           :from           [:trades :t]
           :left-asof-join [[:quotes :q] {:match [:>= :t.ts :q.ts] :on [:= :t.sym :q.sym]
                                          :mode :nearest :tolerance [3 :seconds]}]
           :select         [:t.sym :t.qty :q.bid]}
    :sql  "CREATE STREAM priced AS SELECT /*+ ASOF_MATCH(mode = 'nearest', tolerance = '3s') */ t.sym, t.qty, q.bid
             FROM trades t LEFT ASOF JOIN quotes q MATCH_CONDITION(t.ts >= q.ts) ON t.sym = q.sym"}

   {:name "temporal join against an upsert source"
    :map  {:stream/name :converted
           :from        [:payments :p]
           :join        [[:rates :r] {:as-of :p.ts :on [:= :p.cur :r.cur]}]
           :select      {:cur :p.cur :converted [:* :p.amount :r.rate]}}
    :sql  "CREATE STREAM converted AS SELECT p.cur, p.amount * r.rate AS converted
             FROM payments p JOIN rates FOR SYSTEM_TIME AS OF p.ts AS r ON p.cur = r.cur"}

   {:name "lookup join against a table"
    :map  {:stream/name :named-orders
           :from        [:orders :o]
           :left-join   [[:customers :c] [:= :o.customer :c.id]]
           :select      [:o.id :c.name]}
    :sql  "CREATE STREAM named_orders AS SELECT o.id, c.name FROM orders o LEFT JOIN customers c ON o.customer = c.id"}

   {:name "lookup join against a lookup table by processing time"
    :map  {:stream/name :tiered
           :from        [:stamped-bids :b]
           :join        [[:tiers :t] {:as-of :b.pt :on [:= :b.auction :t.id]}]
           :select      [:b.auction :t.label]}
    :sql  "CREATE STREAM tiered AS SELECT b.auction, t.label
             FROM stamped_bids AS b JOIN tiers FOR SYSTEM_TIME AS OF b.pt AS t ON b.auction = t.id"}

   {:name "UNION ALL"
    :map  {:stream/name :order-events
           :union-all   [{:select [[:id :order-ref] :ts] :from :orders}
                         {:select [[:order-id :order-ref] :ts] :from :shipments}]}
    :sql  "CREATE STREAM order_events AS SELECT id AS order_ref, ts FROM orders
             UNION ALL SELECT order_id AS order_ref, ts FROM shipments"}

   {:name "top-N: ROW_NUMBER() OVER in a subquery"
    :map  {:stream/name :top-bids
           :from        {:select {:auction :auction :price :price
                                  :rn [:over [:row-number] {:partition-by [:auction] :order-by [[:price :desc]]}]}
                         :from :bids}
           :where       [:<= :rn 2]
           :select      [:auction :price :rn]}
    :sql  "CREATE STREAM top_bids AS SELECT auction, price, rn FROM
             (SELECT auction, price, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC) AS rn FROM bids)
             WHERE rn <= 2"}

   {:name "OVER aggregate with a ROWS frame"
    :map  {:stream/name :moving
           :from        :bids
           :select      {:auction :auction
                         :last3   [:over [:sum :price] {:partition-by [:auction] :order-by [:ts] :frame [:rows 2]}]}}
    :sql  "CREATE STREAM moving AS SELECT auction,
             SUM(price) OVER (PARTITION BY auction ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS last3 FROM bids"}

   {:name "a bare query map"
    :map  {:select [:auction [[:+ :price 1] :next-price]] :from :bids :where [:= :channel "web"]}
    :sql  "SELECT auction, price + 1 AS next_price FROM bids WHERE channel = 'web'"}])

(defn by-name [n] (:map (first (filter #(= n (:name %)) examples))))
