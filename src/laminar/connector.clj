(ns laminar.connector
  "Connector maps from configuration you already have, and Nippy files of Clojure rows.

  | fn                       | from                                  | gives                         |
  |--------------------------|---------------------------------------|-------------------------------|
  | [[kafka]]                | a Jackdaw topic-config map            | a `:kafka` connector map      |
  | [[jdbc]]                 | a next.jdbc db-spec map               | a `:postgres-cdc`, `:mysql-cdc` or `:postgres` connector map |
  | [[nippy-file-source!]]   | a file written by [[nippy-file-sink!]] | rows inserted into a source  |
  | [[nippy-file-sink!]]     | a stream                              | a file of frozen row batches  |

  Nippy is optional: with it absent the two Nippy functions fail with LDB-6201 and everything else works."
  (:require [clojure.java.io :as io]
            [laminar.core :as l]
            [laminar.error :as err])
  (:import (java.io DataInputStream DataOutputStream EOFException)))

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

(defn- nippy-fn
  "taoensso.nippy/<name>, or LDB-6201 when Nippy is not on the classpath."
  [sym]
  (or (try (requiring-resolve sym) (catch Exception _ nil))
      (err/fail! :format-unavailable
                 {:laminar/message  "the :nippy format needs Nippy on the classpath"
                  :laminar/value    sym
                  :laminar/expected "com.taoensso/nippy (Clojars) or Debian's libnippy-clojure (/usr/share/java/nippy.jar)"})))

(defn nippy-available?
  "True when Nippy can be loaded."
  []
  (boolean (try (requiring-resolve 'taoensso.nippy/freeze) (catch Exception _ nil))))

(defn nippy-file-sink!
  "Writes every batch `stream` produces to `path` as a length-prefixed frozen vector of row maps (Clojure values
  survive: keywords, sets, ratios). Returns the subscription; closing it closes the file.

      (def sub (nippy-file-sink! db :hot-items \"target/hot.npy\"))"
  [db stream path]
  (let [freeze (nippy-fn 'taoensso.nippy/freeze)
        out (DataOutputStream. (io/output-stream (io/file path)))
        lock (Object.)
        sub (l/subscribe db stream (fn [rows]
                                     (let [^bytes b (freeze rows)]
                                       (locking lock
                                         (.writeInt out (alength b))
                                         (.write out b)
                                         (.flush out)))))]
    (reify
      java.io.Closeable
      (close [_] (.close ^java.io.Closeable sub) (locking lock (.close out)))
      clojure.lang.IDeref
      (deref [_] (assoc @sub :path (str path))))))

(defn read-nippy-file
  "The rows of a file written by [[nippy-file-sink!]], in order."
  [path]
  (let [thaw (nippy-fn 'taoensso.nippy/thaw)]
    (with-open [in (DataInputStream. (io/input-stream (io/file path)))]
      (loop [rows (transient [])]
        (let [n (try (.readInt in) (catch EOFException _ -1))]
          (if (neg? n)
            (persistent! rows)
            (let [b (byte-array n)]
              (.readFully in b)
              (recur (reduce conj! rows (thaw b))))))))))

(defn nippy-file-source!
  "Inserts the rows of a Nippy file (see [[nippy-file-sink!]]) into a MEMORY source; :laminar/op keys of updating
  streams are dropped. Returns the number of rows.

  | option    | default | meaning                                     |
  |-----------|---------|---------------------------------------------|
  | `:finish` | false   | end the source's input afterwards (closes windows) |

      (nippy-file-source! db :replayed \"target/hot.npy\" {:finish true}) ;=> 6"
  ([db source path] (nippy-file-source! db source path {}))
  ([db source path {:keys [finish]}]
   (let [n (l/insert! db source (map #(dissoc % :laminar/op) (read-nippy-file path)))]
     (when finish (l/finish! db source))
     n)))
