(ns laminar.connector-test
  "Connector maps from Jackdaw and next.jdbc shapes; Nippy files of rows (when Nippy is on the classpath)."
  (:require [clojure.java.io :as io]
            [clojure.string :as str]
            [clojure.test :refer [deftest is testing]]
            [laminar.connector :as c]
            [laminar.core :as l])
  (:import (java.io Closeable File)))

(set! *warn-on-reflection* true)

(def columns [[:auction :bigint] [:price :bigint]])

(deftest jackdaw-topic-config
  (let [conn (c/kafka {:topic-name "bids" :partition-count 3 :replication-factor 1 :topic-config {}}
                      {:bootstrap-servers "localhost:9092" :format :json})]
    (is (= {:connector :kafka :topic "bids" :partitions 3 :replication-factor 1
            :properties.bootstrap.servers "localhost:9092" :format :json}
           conn))
    (is (= (str "CREATE SOURCE bids (auction BIGINT, price BIGINT) FROM KAFKA (topic = 'bids', partitions = 3, "
                "'replication-factor' = 1, 'properties.bootstrap.servers' = 'localhost:9092', format = 'json')")
           (l/->sql {:source/name :bids :source/columns columns :source/connector conn})))))

(deftest next-jdbc-db-spec
  (let [spec {:dbtype "postgresql" :host "db" :port 5433 :dbname "shop" :user "app" :password "pw"}]
    (is (= {:connector :postgres-cdc :hostname "db" :port 5433 :database "shop" :username "app" :password "pw"
            :table "public.orders"}
           (c/jdbc spec {:table "public.orders"})))
    (is (= :postgres (:connector (c/jdbc spec {:table "orders" :cdc? false}))))
    (is (= :mysql-cdc (:connector (c/jdbc (assoc spec :dbtype "mysql") {:table "orders"}))))
    (is (str/includes? (l/->sql {:source/name :orders :source/columns columns
                                 :source/connector (c/jdbc spec {:table "public.orders"})})
                       "FROM POSTGRES_CDC (hostname = 'db', port = 5433"))
    (is (= "LDB-6003" (:laminar/code (try (c/jdbc {:dbtype "oracle"} {:table "t"}) nil
                                          (catch Exception e (ex-data e))))))
    (testing "a connector that cannot be a sink says so"
      (is (= [:sink/connector :connector]
             (:laminar/path (try (l/->sql {:sink/name :o :sink/from :x
                                           :sink/connector (c/jdbc spec {:table "t"})}) nil
                                 (catch Exception e (ex-data e)))))))))

(deftest nippy-files-round-trip-clojure-values
  (if-not (c/nippy-available?)
    (do (println "laminar.connector-test: Nippy is not on the classpath; checking the error instead")
        (is (= "LDB-6201" (:laminar/code (try (c/read-nippy-file "x") nil (catch Exception e (ex-data e)))))))
    (let [^File f (File/createTempFile "laminar" ".npy")]
      (try
        (with-open [db ^Closeable (l/open {:cores 1})]
          (l/create! db {:source/name :events :source/columns [[:k :bigint] [:label :varchar] [:ts :timestamp]]
                         :source/watermark {:column :ts}})
          (l/create! db {:stream/name :labelled :from :events :select {:k :k :label [:upper :label] :ts :ts}})
          (let [sink (c/nippy-file-sink! db :labelled (str f))]
            (l/insert! db :events [{:k 1 :label "a" :ts #inst "2026-01-01"} {:k 2 :label "b" :ts #inst "2026-01-02"}])
            (l/await-idle db)
            (.close ^Closeable sink))
          (is (= [{:k 1 :label "A" :ts (java.time.Instant/parse "2026-01-01T00:00:00Z")}
                  {:k 2 :label "B" :ts (java.time.Instant/parse "2026-01-02T00:00:00Z")}]
                 (c/read-nippy-file (str f))))
          (testing "a Nippy file replays into a source"
            (l/create! db {:source/name :replayed :source/columns [[:k :bigint] [:label :varchar] [:ts :timestamp]]
                           :source/watermark {:column :ts}})
            (l/create! db {:view/name :counts :from :replayed :group-by [:label] :select {:label :label :n [:count :*]}})
            (is (= 2 (c/nippy-file-source! db :replayed (str f) {:finish true})))
            (is (= #{{:label "A" :n 1} {:label "B" :n 1}} (set (l/query db {:select [:*] :from :counts})))))
          (testing ":format :nippy in connector maps: a sink and a source run by create!"
            (let [^File g (File/createTempFile "laminar" ".npy")]
              (try
                (l/create! db {:sink/name :to-file :sink/from :labelled
                               :sink/connector {:connector :files :path (str g) :format :nippy}})
                (l/insert! db :events {:k 3 :label "c" :ts #inst "2026-01-03"})
                (l/await-idle db)
                (l/create! db [{:source/name :from-file :source/columns [[:k :bigint] [:label :varchar] [:ts :timestamp]]
                                :source/watermark {:column :ts}
                                :source/connector {:connector :files :path (str g) :format :nippy}}
                               {:view/name :from-file-view :from :from-file :group-by [:label]
                                :select {:label :label :n [:count :*]}}])
                (is (= [{:label "C" :n 1}] (l/query db {:select [:*] :from :from-file-view})))
                (is (str/starts-with? (l/->sql {:source/name :x :source/columns [[:k :bigint]]
                                                :source/connector {:connector :files :path "x" :format :nippy}})
                                      "CREATE SOURCE x (k BIGINT)"))
                (finally (io/delete-file g true))))))
        (finally (io/delete-file f true))))))
