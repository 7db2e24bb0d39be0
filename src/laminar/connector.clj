(ns laminar.connector
  "Connector maps from configuration you already have, and Nippy files of Clojure rows.

  | fn                       | from                                  | gives                         |
  |--------------------------|---------------------------------------|-------------------------------|
  | [[kafka]]                | a Jackdaw topic-config map            | a `:kafka` connector map      |
  | [[jdbc]]                 | a next.jdbc db-spec map               | a `:postgres-cdc`, `:mysql-cdc` or `:postgres` connector map |
  | [[nippy-file-source!]]   | a file written by [[nippy-file-sink!]] | rows inserted into a source  |
  | [[nippy-file-sink!]]     | a stream                              | a file of frozen row batches  |

  Nippy is optional: with it absent the two Nippy functions fail with LDB-6201 and everything else works."
  (:require [laminar.core :as l]
            [laminar.error :as err]
            [laminar.nippy :as nippy]))

(set! *warn-on-reflection* true)

(defn kafka
  "A `:kafka` connector map from a Jackdaw topic-config map (`:topic-name`, `:partition-count`,
  `:replication-factor`).

  | option               | default | meaning                       |
  |----------------------|---------|-------------------------------|
  | `:bootstrap-servers` | none    | `properties.bootstrap.servers` |
  | `:format`            | none    | `:json`, `:csv`, `:avro`, `:raw` |

      (kafka {:topic-name \"bids\" :partition-count 3 :replication-factor 1} {:bootstrap-servers \"localhost:9092\"})
      ;=> {:connector :kafka, :topic \"bids\", :partitions 3, :replication-factor 1,
      ;    :properties.bootstrap.servers \"localhost:9092\"}"
  ([topic-config] (kafka topic-config {}))
  ([{:keys [topic-name partition-count replication-factor]} {:keys [bootstrap-servers format]}]
   (cond-> {:connector :kafka :topic topic-name}
     partition-count (assoc :partitions partition-count)
     replication-factor (assoc :replication-factor replication-factor)
     bootstrap-servers (assoc :properties.bootstrap.servers bootstrap-servers)
     format (assoc :format format))))

(defn jdbc
  "A database connector map from a next.jdbc db-spec (`:dbtype`, `:host`, `:port`, `:dbname`, `:user`,
  `:password`) and the table to read or write.

  | option   | default | meaning                                                            |
  |----------|---------|--------------------------------------------------------------------|
  | `:table` | —       | the table (required)                                               |
  | `:cdc?`  | true    | follow changes (`:postgres-cdc` / `:mysql-cdc`); false: `:postgres` |

      (jdbc {:dbtype \"postgresql\" :host \"db\" :dbname \"shop\" :user \"app\" :password \"pw\"} {:table \"public.orders\"})
      ;=> {:connector :postgres-cdc, :hostname \"db\", :database \"shop\", :username \"app\", :password \"pw\",
      ;    :table \"public.orders\"}"
  [{:keys [dbtype host port dbname user password]} {:keys [table cdc?] :or {cdc? true}}]
  (let [connector (case dbtype
                    ("postgresql" "postgres") (if cdc? :postgres-cdc :postgres)
                    "mysql" (if cdc? :mysql-cdc
                                (err/fail! :bad-value {:laminar/message "MySQL is supported as a change-data source only"
                                                       :laminar/path [:cdc?] :laminar/value cdc?
                                                       :laminar/expected "true for :dbtype \"mysql\""}))
                    (err/fail! :bad-value {:laminar/message (str "no Laminar connector for :dbtype " (pr-str dbtype))
                                           :laminar/path [:dbtype] :laminar/value dbtype
                                           :laminar/expected "\"postgresql\" or \"mysql\""}))]
    (cond-> {:connector connector :hostname (or host "localhost")}
      port (assoc :port port)
      dbname (assoc :database dbname)
      user (assoc :username user)
      password (assoc :password password)
      table (assoc :table table))))

;; ------------------------------------------------------------------ Nippy

(defn nippy-available?
  "True when Nippy can be loaded."
  []
  (nippy/available?))

(defn nippy-file-sink!
  "Writes every batch `stream` produces to `path` (see laminar.nippy for the layout); Clojure values survive:
  keywords, sets, ratios. Returns the subscription; closing it closes the file. The same as creating a sink with
  `:sink/connector {:connector :files :path path :format :nippy}`.

      (def sub (nippy-file-sink! db :hot-items \"target/hot.npy\"))"
  [db stream path]
  (let [{:keys [write close]} (nippy/file-writer path)]
    (l/subscribe db stream {:fn write :on-close close})))

(defn read-nippy-file
  "The rows of a :nippy file, in order."
  [path]
  (nippy/read-file path))

(defn nippy-file-source!
  "Inserts the rows of a :nippy file into a MEMORY source (:laminar/op keys of updating streams are dropped).
  Returns the number of rows.

  | option    | default | meaning                                            |
  |-----------|---------|----------------------------------------------------|
  | `:finish` | false   | end the source's input afterwards (closes windows) |

      (nippy-file-source! db :replayed \"target/hot.npy\" {:finish true}) ;=> 6"
  ([db source path] (nippy-file-source! db source path {}))
  ([db source path {:keys [finish]}]
   (let [n (l/insert! db source (map #(dissoc % :laminar/op) (nippy/read-file path)))]
     (when finish (l/finish! db source))
     n)))
