(ns laminar.join-test
  "Joins, UNION ALL, OVER and the new source/lookup-table maps end to end, speaking the DSL: rows in as maps,
  rows out as maps. The data and expected rows follow test/io/laminar/JoinTest.java and UpsertSourceTest.java, so a
  map and the SQL it stands for are held to the same results."
  (:require [clojure.string :as str]
            [clojure.test :refer [deftest is testing]]
            [laminar.core :as l]
            [laminar.examples :as ex]
            [laminar.spec :as spec])
  (:import (java.io Closeable)
           (java.time Instant)))

(set! *warn-on-reflection* true)

(defn- t [s] (Instant/parse (str "2026-01-01T00:00:" s "Z")))

(defn- collect [db stream]
  (let [out (atom [])]
    (l/subscribe db stream #(swap! out into %))
    out))

(defn- rows-of
  "The rows of `out` as a multiset (a map row -> count), ignoring :laminar/op."
  [out]
  (frequencies (map #(dissoc % :laminar/op) @out)))

(defn- order [id customer amount sec] {:id id :customer customer :amount amount :ts (t sec)})
(defn- shipment [order-id carrier sec] {:order-id order-id :carrier carrier :ts (t sec)})

(deftest interval-joins-inner-and-left
  (with-open [db ^Closeable (l/open {:cores 2})]
    (let [on-time [:and [:= :o.id :s.order-id] [:between :s.ts :o.ts [:+ :o.ts [10 :seconds]]]]]
      ;; the sources come with the maps: create! makes named maps a stream reads (also through joins) first
      (l/create! db {:stream/name :shipped :from [ex/orders-source :o] :join [[ex/shipments-source :s] on-time]
                     :select [:o.id :o.amount :s.carrier]})
      (l/create! db {:stream/name :all-orders :from [:orders :o] :left-join [[:shipments :s] on-time]
                     :select [:o.id :o.amount :s.carrier]})
      (let [shipped (collect db :shipped)
            all-orders (collect db :all-orders)]
        (l/insert! db :orders [(order 1 7 100 "01") (order 2 7 200 "02") (order 3 8 300 "03")])
        ;; the bound is inclusive: order 1 (00:01) matches shipments until 00:11, not the one at 00:12
        (l/insert! db :shipments [(shipment 1 "ups" "05") (shipment 1 "ups-edge" "11") (shipment 3 "fedex" "13")
                                  (shipment 1 "ups-again" "12") (shipment 2 "dhl" "30")])
        (l/finish! db :orders)
        (l/finish! db :shipments)
        (is (= {{:id 1 :amount 100 :carrier "ups"} 1 {:id 1 :amount 100 :carrier "ups-edge"} 1
                {:id 3 :amount 300 :carrier "fedex"} 1}
               (rows-of shipped)))
        (is (= {{:id 1 :amount 100 :carrier "ups"} 1 {:id 1 :amount 100 :carrier "ups-edge"} 1
                {:id 2 :amount 200 :carrier nil} 1 {:id 3 :amount 300 :carrier "fedex"} 1}
               (rows-of all-orders))
            "the left join keeps order 2, whose shipment came too late, with a nil carrier")))))

(deftest temporal-join-reads-the-version-of-an-upsert-source
  (with-open [db ^Closeable (l/open {:cores 2})]
    (l/create! db [ex/payments-source (assoc-in ex/rates-source [:source/watermark :delay] [10 :seconds])])
    (l/create! db {:stream/name :converted :from [:payments :p]
                   :left-join [[:rates :r] {:as-of :p.ts :on [:= :p.cur :r.cur]}]
                   :select [:p.cur :p.amount :r.rate]})
    (let [out (collect db :converted)
          tick (fn [cur v sec] {:cur cur :rate v :ts (t sec)})]
      ;; versions arrive out of order; a row whose value columns are all nil deletes the key
      (l/insert! db :rates [(tick "EUR" 3 "05") (tick "EUR" 2 "01") (tick "USD" 1 "02") (tick "USD" nil "06")
                            (tick "USD" 4 "09")])
      (l/insert! db :payments (for [[cur sec] [["EUR" "03"] ["EUR" "05"] ["USD" "04"] ["USD" "07"] ["USD" "10"]]]
                                {:cur cur :amount (if (= cur "EUR") 10 7) :ts (t sec)}))
      (l/finish! db :rates)
      (l/finish! db :payments)
      (is (= {{:cur "EUR" :amount 10 :rate 2} 1 {:cur "EUR" :amount 10 :rate 3} 1 {:cur "USD" :amount 7 :rate 1} 1
              {:cur "USD" :amount 7 :rate nil} 1 {:cur "USD" :amount 7 :rate 4} 1}
             (rows-of out))))))

(deftest asof-join-backward-and-nearest
  (with-open [db ^Closeable (l/open {:cores 2})]
    (l/create! db [ex/trades-source ex/quotes-source])
    (l/create! db {:stream/name :priced :from [:trades :t]
                   :left-asof-join [[:quotes :q] {:match [:>= :t.ts :q.ts] :on [:= :t.sym :q.sym]}]
                   :select [:t.sym :t.qty :q.bid]})
    (l/create! db {:stream/name :near :from [:trades :t]
                   :left-asof-join [[:quotes :q] {:match [:>= :t.ts :q.ts] :on [:= :t.sym :q.sym]
                                                  :mode :nearest :tolerance [3 :seconds]}]
                   :select [:t.sym :t.qty :q.bid]})
    (let [priced (collect db :priced)
          near (collect db :near)
          bid-quote (fn [sym bid sec] {:sym sym :bid bid :ts (t sec)})
          trade (fn [sym qty sec] {:sym sym :qty qty :ts (t sec)})]
      (l/insert! db :quotes [(bid-quote "ACME" 10 "01") (bid-quote "INIT" 7 "02") (bid-quote "ACME" 11 "04")])
      (l/insert! db :trades [(trade "INIT" 200 "03") (trade "NONE" 300 "03") (trade "ACME" 100 "06")])
      (l/insert! db :quotes [(bid-quote "ACME" 12 "05") (bid-quote "INIT" 8 "09")])
      (l/insert! db :trades [(trade "ACME" 400 "20")])
      (l/insert! db :quotes [(bid-quote "ACME" 13 "21")])
      (l/finish! db :trades)
      (l/finish! db :quotes)
      (is (= {{:sym "ACME" :qty 100 :bid 12} 1 {:sym "INIT" :qty 200 :bid 7} 1 {:sym "NONE" :qty 300 :bid nil} 1
              {:sym "ACME" :qty 400 :bid 12} 1}
             (rows-of priced)))
      (is (= {{:sym "ACME" :qty 100 :bid 12} 1 {:sym "INIT" :qty 200 :bid 7} 1 {:sym "NONE" :qty 300 :bid nil} 1
              {:sym "ACME" :qty 400 :bid 13} 1}
             (rows-of near))
          "nearest within 3 s: the trade at 00:20 takes the quote at 00:21"))))

(deftest lookup-joins-against-a-table-and-a-lookup-table
  (with-open [db ^Closeable (l/open {:cores 2})]
    (l/create! db [ex/orders-source ex/customers-table ex/stamped-bids-source ex/tiers-lookup-table])
    (l/insert! db :customers [{:id 7 :name "ada" :tier 1} {:id 8 :name "bob" :tier 2}])
    (l/create! db {:stream/name :named :from [:orders :o] :left-join [[:customers :c] [:= :o.customer :c.id]]
                   :select [:o.id :c.name]})
    (l/create! db {:stream/name :tiered :from [:stamped-bids :b]
                   :join [[:tiers :t] {:as-of :b.pt :on [:= :b.auction :t.id]}]
                   :select [:b.auction :b.price :t.label]})
    (let [named (collect db :named)
          tiered (collect db :tiered)]
      (l/insert! db :orders [(order 1 7 100 "01") (order 2 9 100 "02") (order 3 8 100 "03")])
      (l/insert! db :stamped-bids [{:auction 1 :price 10} {:auction 4 :price 20} {:auction 3 :price 30}])
      (l/await-idle db)
      (is (= {{:id 1 :name "ada"} 1 {:id 2 :name nil} 1 {:id 3 :name "bob"} 1} (rows-of named)))
      (is (= {{:auction 1 :price 10 :label "gold"} 1 {:auction 3 :price 30 :label "bronze"} 1} (rows-of tiered))
          "the inner lookup join drops auction 4, which the file does not list")
      (testing "the objects describe themselves"
        (is (= [:id :label] (mapv :name (:columns (l/describe db :tiers)))))
        (is (str/includes? (:note (last (:columns (l/describe db :stamped-bids)))) "PROCTIME()"))))))

(deftest union-all-then-window-over-the-union
  (with-open [db ^Closeable (l/open {:cores 2})]
    (let [events {:stream/name :events
                  :union-all [{:select [[:id :order-ref] :ts] :from ex/orders-source}
                              {:select [[:order-id :order-ref] :ts] :from ex/shipments-source}]}]
      (l/create! db {:stream/name :per-window :from events
                     :window {:window/type :tumble :window/time :ts :window/size [10 :seconds]}
                     :select {:window-start :window-start :n [:count :*]}})
      (let [all (collect db :events)
            per-window (collect db :per-window)]
        (l/insert! db :orders [(order 1 7 100 "01") (order 2 7 200 "12")])
        (l/insert! db :shipments [(shipment 1 "ups" "05") (shipment 2 "dhl" "15")])
        (l/finish! db :orders)
        (l/finish! db :shipments)
        (is (= {{:order-ref 1 :ts (t "01")} 1 {:order-ref 2 :ts (t "12")} 1 {:order-ref 1 :ts (t "05")} 1
                {:order-ref 2 :ts (t "15")} 1}
               (rows-of all)))
        (is (= {{:window-start (t "00") :n 2} 1 {:window-start (t "10") :n 2} 1} (rows-of per-window)))))))

(deftest top-n-with-row-number-over
  (with-open [db ^Closeable (l/open {:cores 1})]
    (l/create! db ex/bids-source)
    (l/create! db (ex/by-name "top-N: ROW_NUMBER() OVER in a subquery"))
    (let [out (collect db :top-bids)]
      (l/insert! db :bids (for [[a p s] [[1 10 "01"] [1 30 "02"] [2 5 "03"] [1 20 "04"]]]
                            {:auction a :price p :ts (t s)}))
      (l/finish! db :bids)
      ;; the final state of the changelog: the two best prices per auction, ranked
      (let [state (reduce (fn [acc {op :laminar/op :as r}]
                            (let [r (dissoc r :laminar/op)]
                              (if (#{:delete :update-before} op) (update acc r dec) (update acc r (fnil inc 0)))))
                          {} @out)]
        (is (= {{:auction 1 :price 30 :rn 1} 1 {:auction 1 :price 20 :rn 2} 1 {:auction 2 :price 5 :rn 1} 1}
               (into {} (filter (comp pos? val)) state)))))))

(deftest bad-join-maps-say-what-to-write
  (let [error-of (fn [m] (try (spec/validate m) nil (catch clojure.lang.ExceptionInfo e (ex-data e))))
        base {:stream/name :j :from [:orders :o] :select [:o.id]}
        on [:= :o.id :s.order-id]]
    (testing "misspelt and SQL-spelt join keys point at ours"
      (is (= "did you mean :left-join?" (:laminar/hint (error-of (assoc base :left-joins [[:shipments :s] on])))))
      (is (= "did you mean :join?" (:laminar/hint (error-of (assoc base :inner-join [[:shipments :s] on])))))
      (is (= "did you mean :full-join?" (:laminar/hint (error-of (assoc base :full-outer-join [[:shipments :s] on])))))
      (is (= "did you mean :union-all?" (:laminar/hint (error-of {:stream/name :u :union [:orders :shipments]})))))
    (testing "a join without its condition"
      (let [e (error-of (assoc base :join [[:shipments :s]]))]
        (is (= [:join] (:laminar/path e)))
        (is (str/includes? (:laminar/hint e) "is a condition missing?"))))
    (testing ":match belongs to ASOF joins"
      (let [e (error-of (assoc base :left-join [[:quotes :q] {:match [:>= :o.ts :q.ts] :on on}]))]
        (is (= [:left-join 1 :match] (:laminar/path e)))
        (is (= "did you mean :left-asof-join?" (:laminar/hint e)))))
    (testing "an ASOF join needs :match and a comparison of times"
      (is (= [:asof-join 1 :match] (:laminar/path (error-of (assoc base :asof-join [[:quotes :q] {:on on}])))))
      (is (= [:asof-join 1 :match]
             (:laminar/path (error-of (assoc base :asof-join [[:quotes :q] {:match [:= :o.ts :q.ts] :on on}])))))
      (is (= "did you mean :nearest?"
             (:laminar/hint (error-of (assoc base :asof-join [[:quotes :q] {:match [:>= :o.ts :q.ts] :on on :mode :neares}]))))))
    (testing "temporal joins are INNER or LEFT"
      (is (= [:full-join 1 :as-of]
             (:laminar/path (error-of (assoc base :full-join [[:rates :r] {:as-of :o.ts :on on}]))))))
    (testing "two ASOF joins of one query cannot disagree on their hint"
      (let [e (error-of (assoc base :asof-join [[:quotes :q] {:match [:>= :o.ts :q.ts] :on on :mode :nearest}
                                                [:quotes :q2] {:match [:>= :o.ts :q2.ts] :on on :tolerance [1 :seconds]}]))]
        (is (= "LDB-6003" (:laminar/code e)))
        (is (= "put the other ASOF join in a subquery (:from)" (:laminar/hint e)))))
    (testing "a union has no :where of its own"
      (is (= [:where] (:laminar/path (error-of {:stream/name :u :union-all [:orders :shipments] :where [:> :id 1]})))))
    (testing "OVER windows and :proctime columns"
      (is (= "did you mean :partition-by?"
             (:laminar/hint (error-of {:select {:n [:over [:row-number] {:partition :a}]} :from :bids}))))
      (is (= [:select :n 2] (:laminar/path (error-of {:select {:n [:over [:sum :p] {:frame [:rows 2]}]} :from :bids}))))
      (is (= "did you mean :proctime?"
             (:laminar/hint (error-of {:source/name :s :source/columns [[:pt :proctim]]}))))
      (is (= [:table/columns 0 1] (:laminar/path (error-of {:table/name :s :table/columns [[:pt :proctime]]})))))
    (testing "a lookup table's connector and cache"
      (let [lt (assoc ex/tiers-lookup-table :lookup-table/connector {:connector :files :path "x.csv" :cache :ful})]
        (is (= "did you mean :full?" (:laminar/hint (error-of lt)))))
      (is (= [:lookup-table/connector :connector]
             (:laminar/path (error-of (assoc ex/tiers-lookup-table :lookup-table/connector {:connector :generator :table :bid})))))
      (is (= [:lookup-table/connector :url]
             (:laminar/path (error-of (assoc ex/tiers-lookup-table :lookup-table/connector {:connector :postgres}))))))))

(deftest the-sql-of-the-new-maps
  (is (= "CREATE SOURCE rates (cur VARCHAR, rate BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND, PRIMARY KEY (cur))"
         (l/->sql ex/rates-source)))
  (is (= "CREATE SOURCE stamped_bids (auction BIGINT, price BIGINT, pt AS PROCTIME())" (l/->sql ex/stamped-bids-source)))
  (is (= (str "CREATE LOOKUP TABLE customers (id BIGINT, name VARCHAR, PRIMARY KEY (id)) WITH ('connector' = 'postgres', "
              "'url' = 'jdbc:postgresql://db:5432/shop', 'cache' = 'partial', 'cache.ttl' = '60s', 'cache.max-rows' = '500')")
         (l/->sql {:lookup-table/name :customers :lookup-table/columns [[:id :bigint] [:name :varchar]]
                   :lookup-table/primary-key [:id]
                   :lookup-table/connector {:connector :postgres :url "jdbc:postgresql://db:5432/shop" :cache :partial
                                            :cache.ttl [1 :minutes] :cache.max-rows 500}})))
  (is (= "SELECT o.id FROM orders AS o JOIN shipments AS s ON o.id = s.order_id" 
         (l/->sql {:select [:o.id] :from [[:orders :o]] :join [[:shipments :s] [:= :o.id :s.order-id]]}))
      "HoneySQL's [[:orders :o]] aliases too"))
