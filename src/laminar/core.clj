(ns laminar.core
  "Laminar from Clojure: an embedded streaming SQL database whose sources, streams, views, sinks and tables are
  plain maps (or SQL text), whose rows are maps with keyword keys, and whose errors are data.

      (require '[laminar.core :as l])
      (with-open [db (l/open)]
        (l/create! db {:source/name :bids
                       :source/columns [[:auction :bigint] [:price :bigint] [:ts :timestamp]]
                       :source/watermark {:column :ts :delay [1 :seconds]}})
        (l/create! db {:stream/name :per-10s :from :bids
                       :window {:window/type :tumble :window/time :ts :window/size [10 :seconds]}
                       :group-by [:auction]
                       :select {:auction :auction :window-end :window-end :bids [:count :*]}})
        (let [out (atom [])]
          (l/subscribe db :per-10s #(swap! out into %))
          (l/insert! db :bids [{:auction 1 :price 10 :ts #inst \"2026-01-01T00:00:01Z\"}
                               {:auction 1 :price 20 :ts #inst \"2026-01-01T00:00:02Z\"}])
          (l/finish! db :bids)
          @out))
      ;=> [{:auction 1, :window-end #inst \"2026-01-01T00:00:10Z\", :bids 2}]

  Names: a keyword's dashes are underscores in SQL (:per-10s is per_10s), and column names come back with
  underscores turned into dashes (window_end is :window-end). Timestamps arrive as java.time.Instant; rows of
  updating streams carry :laminar/op (:insert :update-before :update-after :delete)."
  (:refer-clojure :exclude [drop])
  (:require [clojure.core.async :as async]
            [clojure.string :as str]
            [laminar.dsl :as dsl]
            [laminar.error :as err]
            [laminar.expr :as expr]
            [laminar.function :as function]
            [laminar.nippy :as nippy]
            [laminar.spec :as spec])
  (:import (io.laminar Config Laminar QueryResult ResultBatch SourceWriter Subscription)
           (io.laminar.data Schema)
           (io.laminar.engine Database)
           (java.io Closeable)
           (java.nio.file Path)
           (java.time Instant)
           (java.util Date List Map)
           (java.util.function Consumer)
           (org.apache.arrow.vector VectorSchemaRoot)))

(set! *warn-on-reflection* true)

;; ------------------------------------------------------------------ names and rows

;; Rows hold java.time.Instant; print them as #inst like Dates, so results read well at the REPL and in notebooks
;; (unless the program already decided how Instants print).
(when-not (contains? (methods print-method) Instant)
  (defmethod print-method Instant [^Instant i ^java.io.Writer w]
    (.write w (str "#inst \"" i "\""))))

(defn- sql-ident
  "The engine's name for a keyword/string/symbol: dashes -> underscores (no quoting: the engine takes names raw)."
  ^String [x]
  (str/replace (if (or (keyword? x) (symbol? x)) (name x) (str x)) \- \_))

(defn- column-key
  "A column name as a row key: window_end -> :window-end."
  [^String column]
  (keyword (str/replace column \_ \-)))

(defn- kind-keyword
  "The engine's object kind as the DSL names it: \"MATERIALIZED VIEW\" -> :view, \"LOOKUP TABLE\" -> :lookup-table,
  \"SOURCE\" -> :source."
  [^String kind]
  (case kind
    "MATERIALIZED VIEW" :view
    "LOOKUP TABLE" :lookup-table
    (keyword (str/lower-case kind))))

(def ^:private op-keywords {"+I" :insert "-U" :update-before "+U" :update-after "-D" :delete})

(defn- batch->rows
  "The rows of a result batch as maps (column keys computed once per batch)."
  [^ResultBatch b]
  (let [^Schema schema (.schema b)
        ks (mapv column-key (.names schema))
        n (count ks)
        updating (.isUpdating b)]
    (loop [r 0 out (transient [])]
      (if (= r (.size b))
        (persistent! out)
        (recur (inc r)
               (conj! out (loop [c 0 m (transient (if updating {:laminar/op (op-keywords (.rowKind b r))} {}))]
                            (if (= c n)
                              (persistent! m)
                              (recur (inc c) (assoc! m (nth ks c) (.get b (int r) (int c))))))))))))

(defn- result->rows [^QueryResult r]
  (let [ks (mapv column-key (.columnNames r))]
    (mapv (fn [^objects row] (zipmap ks row)) (.rows r))))

;; ------------------------------------------------------------------ the handle

(deftype LaminarDb [^Laminar laminar writers subscriptions]
  Closeable
  (close [_]
    (doseq [^Closeable s @subscriptions] (.close s))
    (doseq [[_ ^SourceWriter w] @writers] (try (.close w) (catch Exception _)))
    (.close laminar)))

(defmethod print-method LaminarDb [^LaminarDb db ^java.io.Writer w]
  (.write w (str "#<laminar db " (pr-str (into {} (map (fn [[k v]] [(column-key k) (kind-keyword v)]))
                                                 (.objects (.database ^Laminar (.laminar db))))) ">")))

(defn java
  "The io.laminar.Laminar behind a db, for the Java API."
  ^Laminar [^LaminarDb db]
  (.laminar db))

(defn- database ^Database [db] (.database (java db)))

(defn open
  "Opens a database; close it with [[close]] or `with-open`.

  | option                  | default                     | meaning                                   |
  |-------------------------|-----------------------------|-------------------------------------------|
  | `:dir`                  | nil (in memory)             | where durable state and relative files live |
  | `:cores`                | processors - 1, at least 1  | Ring 0 core threads                       |
  | `:statement-timeout-ms` | 60000                       | how long [[await-idle]] waits             |
  | `:inline-execution`     | true                        | a writer finding its core idle runs the core's work itself |
  | `:auto-start-sources`   | true                        | false: connectors wait for [[start-sources!]] |

      (def db (l/open {:cores 1}))
      db ;=> #<laminar db {}>"
  (^java.io.Closeable [] (open {}))
  (^java.io.Closeable [{:keys [dir cores statement-timeout-ms inline-execution auto-start-sources]}]
   (let [config (cond-> (Config.)
                  dir (.directory (Path/of (str dir) (make-array String 0)))
                  cores (.cores (int cores))
                  statement-timeout-ms (.statementTimeoutMillis (long statement-timeout-ms))
                  (some? inline-execution) (.inlineExecution (boolean inline-execution))
                  (some? auto-start-sources) (.autoStartSources (boolean auto-start-sources)))]
     (->LaminarDb (Laminar/open config) (atom {}) (atom [])))))

(defn start-sources!
  "Starts the connectors of every source something reads, for a database opened with `:auto-start-sources false`
  (declare every stream and subscription first; none misses a source's first rows). `(l/start-sources! db)` ;=> nil"
  [db]
  (.startSources (java db))
  nil)

(defn close
  "Closes the database: stops sources, flushes sinks, ends subscriptions. `(l/close db)` ;=> nil"
  [^LaminarDb db]
  (.close db))

;; ------------------------------------------------------------------ compiling maps

(defn ->sql
  "The SQL statement a map means (validated first; see laminar.dsl/->sql).

      (l/->sql {:stream/name :big :from :bids :where [:> :price 100] :select [:auction :price]})
      ;=> \"CREATE STREAM big AS SELECT auction, price FROM bids WHERE price > 100\""
  [m]
  (dsl/->sql m))

(defn register-function!
  "Registers a user function (a symbol naming a type-hinted fn var) or aggregate (a symbol naming a var holding
  {:init :step :merge :result} symbols) so SQL text can call it; maps that use one register it themselves.
  Returns its SQL name. See laminar.function.

      (defn discount ^double [^long price] (* 0.9 price))
      (l/register-function! `discount) ;=> \"discount\""
  [ref]
  (function/register! ref))

(defn- statement [x]
  (if (string? x) x (->sql x)))

(defn- execute [db ^String sql]
  (.execute (java db) sql))

(defn- exists? [db x]
  (contains? (set (map str/lower-case (keys (.objects (database db))))) (str/lower-case (sql-ident x))))

(declare insert! finish! subscribe)

(defn- nippy-sink! [^LaminarDb db {:keys [from path]}]
  (let [{:keys [write close]} (nippy/file-writer path)]
    (subscribe db from {:fn write :on-close close})))

(defn- nippy-source! [db {:keys [source path]}]
  (insert! db source (map #(dissoc % :laminar/op) (nippy/read-file path)))
  (finish! db source))

(defn- compile-item
  "What create! does for one map: its SQL, and for :nippy FILES connectors (which Laminar runs on the Clojure side)
  the SQL without the connector plus the work to do once the statements ran."
  [item]
  (let [kind (spec/kind item)
        entry {:name (keyword (name (dsl/object-name item))) :kind kind}]
    (cond
      (and (= kind :source) (nippy/files? (:source/connector item)))
      (do (spec/validate item)
          (assoc entry :sql (->sql (dissoc item :source/connector))
                 :nippy-source {:source (dsl/object-name item) :path (:path (:source/connector item))}))

      (and (= kind :sink) (nippy/files? (:sink/connector item)))
      (let [from (:sink/from item)]
        (spec/validate item)
        (when (and (map? from) (= :query (spec/kind from)))
          (err/fail! :bad-value {:laminar/message "a :nippy sink reads a named source or stream, not a query map"
                                 :laminar/path [:sink/from] :laminar/value from
                                 :laminar/expected "a name, or a named map"}))
        (assoc entry :sql nil :nippy-sink {:from (dsl/object-name (if (map? from) from {:stream/name from}))
                                           :path (:path (:sink/connector item))}))

      :else (assoc entry :sql (->sql item)))))

(defn create!
  "Creates a source, stream, view, sink or table from a map, from SQL text, or from a vector of maps (one script:
  connector sources start reading only after all of them exist, so no stream misses rows). Named maps a map
  reads from (its :from or :sink/from) are created first when the database lacks them.

  Returns `{:name <keyword> :kind <kind> :sql <the statement>}` (a vector of them for a vector).

      (l/create! db {:source/name :bids :source/columns [[:auction :bigint] [:ts :timestamp]]})
      ;=> {:name :bids, :kind :source, :sql \"CREATE SOURCE bids (auction BIGINT, ts TIMESTAMP(3))\"}"
  [db x]
  (cond
    (string? x)
    {:result (.message ^QueryResult (execute db x)) :sql x}

    (map? x)
    (peek (create! db [x]))   ; dependencies come first, the map itself last

    :else
    (let [created (volatile! #{})
          plan (vec (for [m x
                          item (conj (dsl/dependencies m) m)
                          :let [n (str/lower-case (sql-ident (dsl/object-name item)))]
                          :when (and (not (@created n)) (or (= item m) (not (exists? db (dsl/object-name item)))))]
                      (do (vswap! created conj n)
                          (compile-item item))))]
      (when-let [sql (seq (keep :sql plan))]
        (execute db (str/join ";\n" sql)))
      ;; Clojure-side connectors start after every statement ran, like the engine's connectors
      (doseq [{:keys [nippy-sink]} plan :when nippy-sink] (nippy-sink! db nippy-sink))
      (doseq [{:keys [nippy-source]} plan :when nippy-source] (nippy-source! db nippy-source))
      (mapv #(dissoc % :nippy-sink :nippy-source) plan))))

(defn drop!
  "Drops an object given by name or by its map.

  | option       | default | meaning                              |
  |--------------|---------|--------------------------------------|
  | `:cascade`   | false   | drop the objects that read it too    |
  | `:if-exists` | false   | no error when it does not exist      |

      (l/drop! db :bids {:cascade true}) ;=> \"dropped stream per_10s, source bids\""
  ([db x] (drop! db x {}))
  ([db x {:keys [cascade if-exists]}]
   (let [n (if (map? x) (dsl/object-name x) x)
         kind (get (into {} (map (fn [[k v]] [(str/lower-case k) v])) (.objects (database db)))
                   (str/lower-case (sql-ident n)))]
     (cond
       kind nil
       if-exists nil
       :else (let [names (map column-key (keys (.objects (database db))))]
               (err/fail! :not-found (cond-> {:laminar/message  (str "no source, stream, view, sink or table named " n)
                                              :laminar/value    n
                                              :laminar/expected (str "one of " (pr-str (vec names)))}
                                       (keyword? n) (merge (when-let [g (err/did-you-mean n names)]
                                                             {:laminar/hint (str "did you mean " g "?")}))))))
     (when kind
       (.message ^QueryResult (execute db (str "DROP " kind " " (expr/sql-name n) (when cascade " CASCADE"))))))))

;; ------------------------------------------------------------------ rows in

(defn- writer-of
  "The cached writer of a MEMORY source and its column index (keyword and string keys)."
  [^LaminarDb db source]
  (let [k (str/lower-case (sql-ident source))]
    (or (get @(.writers db) k)
        (let [w (.writer (java db) (sql-ident source))
              schema (.schema (.sourceForWriting (database db) (sql-ident source)))
              names (vec (.names schema))
              index (into {} (mapcat (fn [i ^String n] [[(column-key n) i] [n i] [(keyword n) i]])
                                     (range) names))
              entry {:writer w :index index :names names :source source}]
          (swap! (.writers db) assoc k entry)
          entry))))

(defn- unknown-column! [source names k]
  (let [cols (map column-key names)]
    (err/fail! :unknown-column
               (cond-> {:laminar/message  (str "source " (sql-ident source) " has no column " (pr-str k))
                        :laminar/value    k
                        :laminar/expected (str "one of " (str/join ", " cols))}
                 (keyword? k) (merge (when-let [g (err/did-you-mean k cols)] {:laminar/hint (str "did you mean " g "?")}))))))

(defn- write-row! [{:keys [^SourceWriter writer index names source]} row]
  (let [arr (object-array (count names))]
    (reduce-kv (fn [_ k v]
                 (if-let [i (index k)]
                   (aset arr (int i) (if (instance? Date v) (.toInstant ^Date v) v))
                   (unknown-column! source names k)))
               nil (if (map? row) row (into {} row)))   ; java.util.Map rows from Java callers
    (.write writer arr)))

(defn- table? [db x]
  (= "TABLE" (get (into {} (map (fn [[k v]] [(str/lower-case k) v])) (.objects (database db)))
                  (str/lower-case (sql-ident x)))))

(defn- insert-table! [db table rows]
  (let [cols (distinct (mapcat keys rows))]
    (execute db (str "INSERT INTO " (expr/sql-name table) " (" (str/join ", " (map expr/column-sql cols)) ") VALUES "
                     (str/join ", " (for [r rows] (str "(" (str/join ", " (map #(expr/sql (get r %)) cols)) ")")))))))

(defn insert!
  "Writes rows into a MEMORY source (or upserts them into a table): one map, a sequence of maps, or an Arrow
  VectorSchemaRoot. Keys are column keywords (:window-start or :window_start); timestamps may be insts,
  Instants, ISO-8601 text or epoch millis. A row naming an unknown column is rejected whole, with the column
  named. Returns the number of rows written.

      (l/insert! db :bids [{:auction 1 :price 10 :ts #inst \"2026-01-01T00:00:01Z\"}]) ;=> 1"
  [db source rows]
  (cond
    (table? db source)
    (let [rows (mapv #(if (map? %) % (into {} %)) (if (or (map? rows) (instance? Map rows)) [rows] rows))]
      (when (seq rows) (insert-table! db source rows))
      (count rows))

    (instance? VectorSchemaRoot rows)
    (let [{:keys [^SourceWriter writer]} (writer-of db source)]
      (.write writer ^VectorSchemaRoot rows)
      (.flush writer)
      (.getRowCount ^VectorSchemaRoot rows))

    :else
    (let [{:keys [^SourceWriter writer] :as w} (writer-of db source)
          rows (if (or (map? rows) (instance? Map rows)) [rows] rows)
          n (reduce (fn [n row] (write-row! w row) (inc n)) 0 rows)]
      (.flush writer)
      n)))

(defn- epoch-millis ^long [t]
  (cond
    (instance? Date t) (.getTime ^Date t)
    (instance? Instant t) (.toEpochMilli ^Instant t)
    (integer? t) (long t)
    :else (.toEpochMilli (Instant/parse (str t)))))

(defn watermark!
  "Advances a MEMORY source's watermark (never backwards): rows before it are late from now on, and windows that
  end at or before it close. `t` is an inst, an Instant, ISO-8601 text or epoch millis.

      (l/watermark! db :bids #inst \"2026-01-01T00:01:00Z\") ;=> nil"
  [db source t]
  (let [{:keys [^SourceWriter writer]} (writer-of db source)]
    (.watermark writer (epoch-millis t))
    nil))

(defn finish!
  "Declares the end of a MEMORY source's input: the final watermark closes every open window downstream, and
  waits until the results are delivered. Further inserts into that source fail.

      (l/finish! db :bids) ;=> nil"
  [db source]
  (let [{:keys [^SourceWriter writer]} (writer-of db source)]
    (.finish writer)
    (.awaitIdle (java db))
    nil))

(defn await-sources
  "Waits until every started connector source with bounded input (FILES, GENERATOR with :events) has read all of
  it and the results are delivered. Returns true, or false when some started source is unbounded.

  | option        | default | meaning          |
  |---------------|---------|------------------|
  | `:timeout-ms` | 60000   | how long to wait |

      (l/await-sources db) ;=> true"
  ([db] (await-sources db {}))
  ([db {:keys [timeout-ms] :or {timeout-ms 60000}}]
   (.awaitBoundedSources (database db) (long timeout-ms))))

(defn await-idle
  "Waits until every row written so far has been processed and delivered. `(l/await-idle db)` ;=> nil"
  [db]
  (.awaitIdle (java db))
  nil)

;; ------------------------------------------------------------------ rows out

(deftype LaminarSubscription [^Subscription sub on-close]
  Closeable
  (close [_] (.close sub) (when on-close (on-close)))
  clojure.lang.IDeref
  (deref [_] {:stream (.stream sub) :rows-delivered (.rowsDelivered sub)
              :listener-errors (.listenerErrors sub) :last-error (.lastListenerError sub)}))

(defmethod print-method LaminarSubscription [^LaminarSubscription s ^java.io.Writer w]
  (.write w (str "#<laminar subscription " (pr-str (dissoc @s :last-error)) ">")))

(defn subscribe
  "Delivers a stream's (or source's) rows as they are produced, on Laminar's delivery thread. `target` is a
  function of a vector of row maps (one call per batch), or a map:

  | option      | default | meaning                                                           |
  |-------------|---------|-------------------------------------------------------------------|
  | `:channel`  | —       | a core.async channel; each row is put with >!! (a full channel holds back delivery) |
  | `:batches?` | false   | put each batch as one vector instead of row by row                 |
  | `:close?`   | true    | close the channel when the subscription is closed                 |
  | `:fn`       | —       | instead of `:channel`: a function of each batch                   |
  | `:on-close` | —       | called once when the subscription is closed                       |

  Returns the subscription: `(.close sub)` stops delivery. An exception thrown by the function is counted on the
  subscription (`.listenerErrors`) and does not stop delivery.

      (l/subscribe db :per-10s prn)
      ;; prints [{:auction 1, :window-end #inst \"2026-01-01T00:00:10Z\", :bids 2}]"
  [^LaminarDb db stream target]
  (let [deliver (if (map? target)
                  (let [{:keys [channel batches? close? on-close] f :fn :or {close? true}} target]
                    (when-not (or channel f)
                      (err/fail! :missing-key {:laminar/message "subscribe with a map needs :channel (or :fn)"
                                               :laminar/path [:channel] :laminar/expected "a core.async channel"}))
                    (with-meta (cond
                                 f f
                                 batches? (fn [rows] (async/>!! channel rows))
                                 :else (fn [rows] (doseq [r rows] (async/>!! channel r))))
                      {:close (cond on-close on-close
                                    (and channel close?) #(async/close! channel))}))
                  target)
        sub (.subscribe (java db) (sql-ident stream)
                        (reify Consumer (accept [_ b] (deliver (batch->rows b)))))
        handle (->LaminarSubscription sub (:close (meta deliver)))]
    (swap! (.subscriptions db) conj handle)
    handle))

(defn query
  "Runs an ad-hoc query (SQL text or a query map) over materialized views and tables; returns a vector of maps.

      (l/query db {:select [:auction :total] :from :totals :order-by [[:total :desc]] :limit 1})
      ;=> [{:auction 1, :total 30}]"
  [db q]
  (result->rows (.query (java db) ^String (statement q))))

;; ------------------------------------------------------------------ plans and descriptions

(defn- op-keyword [^String s]
  (keyword (str/lower-case (str/replace s #"([a-z])([A-Z])" "$1-$2"))))

(defn- parse-plan-line [^String line]
  (let [[_ indent op args kernel] (re-matches #"( *)(\w+)\((.*)\)(?: \[(.*)\])?" line)]
    (cond-> {:depth (quot (count indent) 2) :operator (op-keyword op) :detail args}
      kernel (assoc :kernel (if (str/starts-with? kernel "compiled") :compiled :interpreted))
      (and kernel (str/starts-with? kernel "interpreted")) (assoc :fallback (str/replace kernel #"^interpreted: " "")))))

(defn- parse-output [^String line]
  (let [[_ cols mode] (re-matches #"output: \((.*)\) \((.*)\)" line)
        cols (for [c (str/split cols #", (?![^()]*\))") :when (seq c)
                   :let [[n t] (str/split c #" " 2)]]
               [(column-key n) (str/replace t " *ROWTIME*" "") (str/ends-with? t "*ROWTIME*")])
        rowtime (some (fn [[k _ rt?]] (when rt? k)) cols)]
    (cond-> {:columns (mapv (fn [[k t]] [k t]) cols)
             :changelog (if (str/starts-with? mode "updating") :updating :append-only)}
      rowtime (assoc :rowtime rowtime))))

(defn plan-data
  "The EXPLAIN text of the engine as data: the operators from the output down to the scan (each with :operator,
  :detail and, for compiled stages, :kernel) and the output's columns, changelog kind and, when the rows carry
  event time, the :rowtime column. For a query planned as several pipelines (a join feeding an aggregate), the
  query's own pipeline. Compiled class names
  are left out: they number kernels in compile order, which says nothing about the plan."
  [^String text]
  (let [lines (->> (str/split-lines text) (remove #(str/starts-with? % "-- pipeline")))
        [ops out] (split-with #(not (str/starts-with? % "output:")) lines)]
    {:operators (mapv #(dissoc (parse-plan-line %) :depth) ops)
     :output (parse-output (first out))}))

(defn explain
  "The plan of a stream/view/sink map, a query map, or SQL text, as data (see [[plan-data]]). A map and the SQL
  it renders to give equal plans.

      (l/explain db {:select [:auction] :from :bids :where [:> :price 100]})
      ;=> {:operators [{:operator :calc, :detail \"where >($1, 100); select auction=$0\", :kernel :compiled}
      ;                {:operator :scan, :detail \"bids\"}],
      ;    :output {:columns [[:auction \"BIGINT\"]], :changelog :append-only}}"
  [db x]
  (plan-data (.explain (java db) (statement x))))

(defn metrics
  "Counters per object, keyed by object name: rows in, late rows dropped or routed, dead letters, watermark
  (epoch ms), state size.

      (l/insert! db :bids [{:auction 1 :price 10 :ts #inst \"2026-01-01T00:00:01Z\"}])
      (l/watermark! db :bids #inst \"2026-01-01T00:01:00Z\")
      (l/metrics db)
      ;=> {:bids {:kind :source, :rows-in 1, :late-rows-dropped 0, :dead-letters 0, :watermark 1767225660000}}"
  [db]
  (into {} (for [[^String k ^Map v] (.metrics (java db))]
             [(column-key k) (into {} (map (fn [[^String mk mv]]
                                             [(column-key mk) (if (= mk "kind") (kind-keyword mv) mv)]))
                                   v)])))

(defn describe
  "An object (or, with no name, the whole database) as data: kind, columns, the SQL that defined it, metrics.

      (l/describe db :bids)
      ;=> {:name :bids, :kind :source, :columns [{:name :auction, :type \"BIGINT\", :nullable true} ...],
      ;    :metrics {...}}"
  ([db]
   {:objects (vec (for [[n _] (.objects (database db))] (describe db n)))
    :functions (function/registered)})
  ([db x]
   (let [n (sql-ident (if (map? x) (dsl/object-name x) x))
         ^QueryResult r (execute db (str "DESCRIBE " (expr/sql-name n)))
         kinds (into {} (map (fn [[k v]] [(str/lower-case k) v])) (.objects (database db)))
         kind (kinds (str/lower-case n))]
     {:name (column-key n)
      :kind (kind-keyword (str kind))
      :columns (vec (for [^objects row (.rows r)]
                      (cond-> {:name (column-key (aget row 0)) :type (aget row 1) :nullable (aget row 2)}
                        (seq (aget row 3)) (assoc :note (aget row 3)))))
      :metrics (get (metrics db) (column-key n))})))
