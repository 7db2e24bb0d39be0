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

(def sources [bids-source people-source])

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

   {:name "a bare query map"
    :map  {:select [:auction [[:+ :price 1] :next-price]] :from :bids :where [:= :channel "web"]}
    :sql  "SELECT auction, price + 1 AS next_price FROM bids WHERE channel = 'web'"}])

(defn by-name [n] (:map (first (filter #(= n (:name %)) examples))))
