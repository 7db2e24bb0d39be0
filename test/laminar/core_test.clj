(ns laminar.core-test
  "laminar.core end to end, speaking the DSL: rows in as maps, watermarks, rows out as maps."
  (:require [clojure.core.async :as async]
            [clojure.string :as str]
            [clojure.test :refer [deftest is testing]]
            [laminar.core :as l]
            [laminar.error :as err]
            [laminar.examples :as ex])
  (:import (io.laminar LaminarException)
           (java.io Closeable)
           (java.time Instant)))

(set! *warn-on-reflection* true)

(defn- t [s] (Instant/parse (str "2026-01-01T00:00:" s "Z")))

(defn- collect
  "Subscribes to `stream` and returns an atom of every row delivered."
  [db stream]
  (let [out (atom [])]
    (l/subscribe db stream #(swap! out into %))
    out))

(deftest windowed-stream-from-maps
  (doseq [inline [true false]] ; a writer running the core's work itself, or handing every batch to the core thread
   (with-open [db ^Closeable (l/open {:cores 2 :inline-execution inline})]
    (l/create! db ex/bids-source)
    (l/create! db (ex/by-name "hot items: HOP window, filter, count"))
    (let [out (collect db :hot-items)]
      (l/insert! db :bids [{:auction 1 :bidder 7 :price 120 :channel "web" :ts (t "01")}
                           {:auction 1 :bidder 8 :price 130 :channel "web" :ts #inst "2026-01-01T00:00:03Z"}
                           {:auction 2 :bidder 8 :price 50 :channel "app" :ts (t "04")}])
      (l/finish! db :bids)
      (is (= #{{:auction 1 :window-end (t "02") :num 1}
               {:auction 1 :window-end (t "04") :num 2}
               {:auction 1 :window-end (t "06") :num 2}
               {:auction 1 :window-end (t "08") :num 2}
               {:auction 1 :window-end (t "10") :num 2}
               {:auction 1 :window-end (t "12") :num 1}}
             (set @out)))
      (is (every? #(instance? Instant (:window-end %)) @out))))))

(deftest updating-streams-carry-ops-and-views-answer-queries
  (with-open [db ^Closeable (l/open {:cores 1})]
    (l/create! db ex/bids-source)
    (l/create! db (ex/by-name "unbounded GROUP BY (a changelog)"))
    (let [out (collect db :totals)]
      (l/insert! db :bids [{:auction 1 :price 10 :ts (t "01")} {:auction 1 :price 20 :ts (t "02")}])
      (l/await-idle db)
      (is (= [{:laminar/op :insert :auction 1 :total 10}
              {:laminar/op :update-before :auction 1 :total 10}
              {:laminar/op :update-after :auction 1 :total 30}]
             @out))
      (is (= [{:auction 1 :total 30}] (l/query db {:select [:auction :total] :from :totals})))
      (is (= [{:total 30}] (l/query db "SELECT total FROM totals WHERE auction = 1"))))))

(deftest subscribe-to-a-channel
  (with-open [db ^Closeable (l/open {:cores 1})]
    (l/create! db ex/bids-source)
    (l/create! db {:stream/name :big :from :bids :where [:> :price 100] :select [:auction :price]})
    (let [ch (async/chan 10)
          batches (async/chan 10)
          sub (l/subscribe db :big {:channel ch})]
      (l/subscribe db :big {:channel batches :batches? true})
      (l/insert! db :bids [{:auction 1 :price 500 :ts (t "01")} {:auction 2 :price 5 :ts (t "02")}
                           {:auction 3 :price 700 :ts (t "03")}])
      (l/await-idle db)
      (is (= [{:auction 1 :price 500} {:auction 3 :price 700}]
             [(async/<!! ch) (async/<!! ch)]))
      (is (= [{:auction 1 :price 500} {:auction 3 :price 700}]
             (loop [rows []] (if (< (count rows) 2) (recur (into rows (async/<!! batches))) rows)))
          "batches arrive as vectors of rows")
      (testing "closing the subscription stops delivery and closes the channel"
        (.close ^Closeable sub)
        (l/insert! db :bids {:auction 4 :price 900 :ts (t "04")})
        (l/await-idle db)
        (is (nil? (async/<!! ch)))
        (is (= [{:auction 4 :price 900}] (async/<!! batches)))
        (is (= 2 (:rows-delivered @sub)))))))

(deftest watermarks-and-late-data
  (with-open [db ^Closeable (l/open {:cores 1})]
    (l/create! db (assoc ex/bids-source :source/watermark {:column :ts}))
    (l/create! db {:stream/name :per-5s :from :bids
                   :window {:window/type :tumble :window/time :ts :window/size [5 :seconds]}
                   :select {:window-end :window-end :n [:count :*]}
                   :late-data-to :late-bids})
    (let [out (collect db :per-5s)
          late (collect db :late-bids)]
      (l/insert! db :bids [{:auction 1 :price 1 :ts (t "01")} {:auction 1 :price 1 :ts (t "02")}])
      (l/watermark! db :bids (t "05"))
      (l/await-idle db)
      (is (= [{:window-end (t "05") :n 2}] @out) "the watermark closed the first window")
      (l/insert! db :bids {:auction 9 :price 1 :ts (t "03")})
      (l/await-idle db)
      (is (= [9] (map :auction @late)) "a row behind the watermark goes to the late stream")
      (is (= 1 (get-in (l/metrics db) [:per-5s :late-rows-routed]))))))

(deftest tables-drop-and-describe
  (with-open [db ^Closeable (l/open {:cores 1})]
    (l/create! db {:table/name :cats :table/columns [[:id :bigint :primary-key] [:label :varchar]]})
    (is (= 2 (l/insert! db :cats [{:id 1 :label "a"} {:id 2 :label "b"}])))
    (l/insert! db :cats {:id 1 :label "A"})
    (is (= [{:id 1 :label "A"} {:id 2 :label "b"}] (l/query db {:select [:*] :from :cats :order-by [:id]})))
    (l/create! db ex/bids-source)
    (l/create! db (ex/by-name "filter and project"))
    (let [d (l/describe db :bids)]
      (is (= :source (:kind d)))
      (is (= [:auction :bidder :price :channel :ts] (mapv :name (:columns d))))
      (is (str/includes? (:note (last (:columns d))) "event time")))
    (is (= #{:cats :bids :big-bids} (set (map :name (:objects (l/describe db))))))
    (testing "dropping a source others read needs :cascade"
      (is (thrown-with-msg? LaminarException #"CASCADE" (l/drop! db :bids)))
      (l/drop! db :bids {:cascade true})
      (is (= #{:cats} (set (map :name (:objects (l/describe db))))))
      (is (nil? (l/drop! db :bids {:if-exists true}))))))

(deftest create-builds-upstream-maps-first
  (with-open [db ^Closeable (l/open {:cores 1})]
    (let [big {:stream/name :big :from ex/bids-source :where [:> :price 100] :select [:auction :price :ts]}
          per-auction {:view/name :per-auction :from big :group-by [:auction] :select {:auction :auction :n [:count :*]}}]
      (l/create! db per-auction)
      (is (= #{:bids :big :per-auction} (set (map :name (:objects (l/describe db))))))
      (l/insert! db :bids [{:auction 1 :price 150 :ts (t "01")} {:auction 1 :price 10 :ts (t "02")}])
      (l/await-idle db)
      (is (= [{:auction 1 :n 1}] (l/query db {:select [:auction :n] :from :per-auction}))))))

(deftest composition-is-data-manipulation
  (let [base (ex/by-name "hot items: HOP window, filter, count")
        tumbling (-> base
                     (assoc :stream/name :hot-tumbling)
                     (assoc :window {:window/type :tumble :window/time :ts :window/size [10 :seconds]})
                     (update :select assoc :total [:sum :price]))]
    (is (str/includes? (l/->sql tumbling) "TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND)"))
    (is (str/includes? (l/->sql tumbling) "SUM(price) AS total"))
    (is (= base (ex/by-name "hot items: HOP window, filter, count")) "the original map is untouched")))

(deftest bad-rows-name-the-column
  (with-open [db ^Closeable (l/open {:cores 1})]
    (l/create! db ex/bids-source)
    (let [e (try (l/insert! db :bids {:auction 1 :prise 3}) nil (catch Exception e e))]
      (is (= "LDB-2001" (:laminar/code (ex-data e))))
      (is (= "did you mean :price?" (:laminar/hint (ex-data e)))))
    (let [e (try (l/insert! db :bids {:auction "one"}) nil (catch Exception e e))]
      (is (= "LDB-2002" (:laminar/code (ex-data e))) "Java errors keep their data in Clojure")
      (is (str/includes? (err/explain e) "auction")))))

(deftest sql-text-works-everywhere-a-map-does
  (with-open [db ^Closeable (l/open {:cores 1})]
    (l/create! db "CREATE SOURCE s (k BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)")
    (l/create! db "CREATE STREAM doubled AS SELECT k * 2 AS k2 FROM s")
    (let [out (collect db :doubled)]
      (l/insert! db :s {:k 21 :ts (t "01")})
      (l/await-idle db)
      (is (= [{:k2 42}] @out)))
    (is (= :calc (-> (l/explain db "SELECT k FROM s WHERE k > 1") :operators first :operator)))))

(deftest sources-can-wait-for-start-sources
  (with-open [db ^Closeable (l/open {:cores 1 :auto-start-sources false})]
    (l/create! db (str "CREATE SOURCE bid (auction BIGINT, dateTime TIMESTAMP(3), WATERMARK FOR dateTime AS dateTime) "
                       "FROM GENERATOR (kind = 'nexmark', table = 'bid', events = 5000)"))
    (l/create! db "CREATE STREAM auctions AS SELECT auction FROM bid")
    (let [out (collect db :auctions)]
      (l/await-idle db)
      (is (empty? @out) "nothing runs before start-sources!")
      (is (nil? (l/start-sources! db)))
      (l/await-sources db)
      (is (= 4600 (count @out)) "the 4,600 bids among the first 5,000 events, none missed"))))

(deftest the-db-prints-as-data
  (with-open [db ^Closeable (l/open {:cores 1})]
    (l/create! db ex/bids-source)
    (is (= "#<laminar db {:bids :source}>" (pr-str db)))))

(deftest dropping-an-unknown-object-suggests-the-name
  (with-open [db ^Closeable (l/open {:cores 1})]
    (l/create! db ex/bids-source)
    (let [e (try (l/drop! db :bidz) nil (catch Exception e (ex-data e)))]
      (is (= "LDB-1004" (:laminar/code e)))
      (is (= "did you mean :bids?" (:laminar/hint e))))))

(deftest insert-an-arrow-batch
  (with-open [db ^Closeable (l/open {:cores 1})
              allocator (org.apache.arrow.memory.RootAllocator.)]
    (l/create! db {:source/name :s :source/columns [[:k :bigint] [:label :varchar]]})
    (l/create! db {:view/name :v :from :s :group-by [:label] :select {:label :label :total [:sum :k]}})
    (let [k (org.apache.arrow.vector.BigIntVector. "k" allocator)
          label (org.apache.arrow.vector.VarCharVector. "label" allocator)]
      (.allocateNew k 3)
      (.allocateNew label 3)
      (dotimes [i 3]
        (.set k (int i) (long (inc i)))
        (.setSafe label (int i) (.getBytes (if (even? i) "even" "odd") "UTF-8")))
      (.setValueCount k 3)
      (.setValueCount label 3)
      (with-open [root (org.apache.arrow.vector.VectorSchemaRoot/of
                        (into-array org.apache.arrow.vector.FieldVector [k label]))]
        (is (= 3 (l/insert! db :s root))))
      (l/await-idle db)
      (is (= #{{:label "even" :total 4} {:label "odd" :total 2}} (set (l/query db {:select [:*] :from :v})))))))
