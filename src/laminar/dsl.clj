(ns laminar.dsl
  "Maps -> SQL text: the one compile path of the data-DSL.

  A map is validated against the information model (laminar.spec), then rendered as the SQL statement it means;
  the engine plans that text. So a map and its SQL share one plan by construction — and the tests still compare
  the two plans (test/laminar/plan_equality_test.clj).

      (->sql {:stream/name :hot-items :from :bids :where [:> :price 100]
              :window {:window/type :tumble :window/time :ts :window/size [10 :seconds]}
              :group-by [:auction] :select {:auction :auction :num [:count :*]}})
      ;=> \"CREATE STREAM hot_items AS SELECT auction, COUNT(*) AS num FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND)) WHERE price > 100 GROUP BY auction, window_start, window_end\""
  (:require [clojure.string :as str]
            [laminar.expr :as expr]
            [laminar.function :as function]
            [laminar.nippy :as nippy]
            [laminar.error :as err]
            [laminar.spec :as spec]))

(set! *warn-on-reflection* true)

(defn- units [] (:units @spec/model))

(defn type-sql
  "`:bigint` -> \"BIGINT\", `[:decimal 10 2]` -> \"DECIMAL(10, 2)\", `:timestamp` -> \"TIMESTAMP(3)\"."
  [t]
  (let [types (:column-types @spec/model)]
    (if (vector? t)
      (let [[base & params] t]
        (str (str/replace (types base) #"\(\d+\)$" "") "(" (str/join ", " params) ")"))
      (types t))))

(def ^:dynamic *function-name*
  "Maps a function reference in an expression to its SQL name (registering it)."
  function/function-name)

(defn- rendered
  "`(f x)` with the expression renderer set up (units, types, user functions)."
  [f x]
  (binding [expr/*render* {:units (units) :type-sql type-sql :function-name *function-name*}]
    (f x)))

(defn- ex
  "SQL of an expression; a top-level infix call loses its outer parentheses."
  [e]
  (let [s (rendered expr/sql e)]
    (if (and (vector? e) (keyword? (first e)) (str/starts-with? s "(") (str/ends-with? s ")")
             ;; only strip when the parentheses enclose the whole text
             (loop [i 1 depth 1]
               (cond (= i (dec (count s))) true
                     (zero? depth) false
                     :else (recur (inc i) (case (.charAt ^String s i) \( (inc depth) \) (dec depth) depth)))))
      (subs s 1 (dec (count s)))
      s)))

(defn- name-of
  "The object name a :from / :sink/from / :late-data-to value refers to."
  [x]
  (if (map? x)
    (let [k (spec/kind x)] (get x (get-in @spec/model [:objects k :name-key])))
    x))

(defn object-name
  "The name of a named map (source, stream, view, sink, table) as a keyword-ish value, else nil."
  [m]
  (when-let [k (spec/kind m)]
    (when-let [nk (get-in @spec/model [:objects k :name-key])] (get m nk))))

(defn- interval [d] (expr/interval-sql (units) d))

;; ------------------------------------------------------------------ queries

(defn- select-sql [s]
  (cond
    (map? s) (str/join ", " (for [[alias e] s]
                              (let [a (expr/sql-name alias)
                                    body (ex e)]
                                (if (and (keyword? e) (= (expr/column-sql e) a)) body (str body " AS " a)))))
    :else (str/join ", " (for [item s]
                           (if (and (vector? item) (= 2 (count item)) (not (number? (first item)))
                                    (or (keyword? (second item)) (string? (second item)) (symbol? (second item))))
                             (str (ex (first item)) " AS " (expr/sql-name (second item)))
                             (ex item))))))

(declare query-sql)

(defn- relation-sql
  "The FROM target: a name, or a parenthesised subquery for a query map."
  [from]
  (if (and (map? from) (= :query (spec/kind from)))
    (str "(" (query-sql from) ")")
    (expr/sql-name (name-of from))))

(defn- alias-sql [alias] (when alias (str " AS " (expr/sql-name alias))))

(defn- duration-option
  "A duration as option text the engine reads: `[10 :seconds]` -> \"10s\", `[250 :ms]` -> \"250ms\"."
  [d]
  (let [ms (long (expr/duration-millis (units) d))]
    (if (zero? (rem ms 1000)) (str (quot ms 1000) "s") (str ms "ms"))))

(defn- join-pairs
  "[join-kind SQL-words relation options] of every join of a query map, in the model's :join-kinds order; a
  plain condition becomes {:on condition}."
  [m]
  (for [[k words] (:join-kinds @spec/model)
        :let [v (get m k)] :when (vector? v)
        [rel c] (partition 2 v)]
    [k words rel (if (map? c) c {:on c})]))

(defn- joins-sql [m]
  (apply str (for [[_ words rel {:keys [on as-of match]}] (join-pairs m)
                   :let [{:keys [relation alias]} (spec/relation rel)]]
               (str " " words " " (relation-sql relation)
                    (when as-of (str " FOR SYSTEM_TIME AS OF " (expr/column-sql as-of)))
                    (alias-sql alias)
                    (when match (str " MATCH_CONDITION(" (ex match) ")"))
                    " ON " (ex on)))))

(defn- asof-hint
  "The ASOF_MATCH hint of a query's ASOF joins (they share one; laminar.spec checks that), or nil."
  [m]
  (when-let [{:keys [mode tolerance]} (first (for [[k _ _ o] (join-pairs m)
                                                   :when (#{:asof-join :left-asof-join} k)
                                                   :when (or (:mode o) (:tolerance o))]
                                               o))]
    (str "/*+ ASOF_MATCH(" (str/join ", " (cond-> []
                                            mode (conj (str "mode = '" (name mode) "'"))
                                            tolerance (conj (str "tolerance = '" (duration-option tolerance) "'"))))
         ") */ ")))

(defn- union-sql [members]
  (str/join " UNION ALL " (for [x members]
                            (if (and (map? x) (= :query (spec/kind x)))
                              (query-sql x)
                              (str "SELECT * FROM " (expr/sql-name (name-of x)))))))

(defn- window-sql [from {:window/keys [type time size slide step gap key offset]}]
  (let [t (keyword (name type))
        fn-name (get-in @spec/model [:windows t :sql])
        args (case t
               :tumble   (cond-> [(interval size)] offset (conj (interval offset)))
               :hop      (cond-> [(interval slide) (interval size)] offset (conj (interval offset)))
               :cumulate (cond-> [(interval step) (interval size)] offset (conj (interval offset)))
               :session  (cond-> [] key (conj (str "DESCRIPTOR(" (expr/column-sql key) ")")) true (conj (interval gap))))]
    (str "TABLE(" fn-name "(TABLE " (relation-sql from) ", DESCRIPTOR(" (expr/column-sql time) "), "
         (str/join ", " args) "))")))

(defn- group-by-sql [{:keys [group-by window select]}]
  (let [keys (mapv ex group-by)
        windowed (and window (or (seq group-by) (some expr/contains-aggregate? (if (map? select) (vals select) select))))]
    (when (or (seq keys) windowed)
      (str/join ", " (cond-> keys windowed (into ["window_start" "window_end"]))))))

(defn query-sql
  "The SELECT of a query map (or of a stream/view map's query keys), or the UNION ALL of its :union-all."
  [{:keys [select from where window having order-by limit union-all] :as m}]
  (if union-all
    (union-sql union-all)
    (let [group (group-by-sql m)
          {:keys [relation alias]} (spec/relation from)]
      (str "SELECT " (asof-hint m) (select-sql (or select [:*]))
           " FROM " (if window (window-sql relation window) (relation-sql relation)) (alias-sql alias)
           (joins-sql m)
           (when (some? where) (str " WHERE " (ex where)))
           (when group (str " GROUP BY " group))
           (when (some? having) (str " HAVING " (ex having)))
           (when (seq order-by) (str " ORDER BY " (rendered expr/ordering-sql order-by)))
           (when limit (str " LIMIT " limit))))))

(defn- emit-sql [emit]
  (cond
    (nil? emit) nil
    (map? emit) (str " EMIT EVERY " (interval (:every emit)))
    :else (str " EMIT " (case emit :on-window-close "ON WINDOW CLOSE" :final "FINAL" :changes "CHANGES"))))

(defn- create-head [sql-kind m name]
  (str "CREATE " (when (:or-replace m) "OR REPLACE ") sql-kind " " (when (:if-not-exists m) "IF NOT EXISTS ")
       (expr/sql-name name)))

(defn- stream-sql [sql-kind name m]
  (str (create-head sql-kind m name) " AS " (query-sql m)
       (emit-sql (:emit m))
       (when-let [l (:allow-lateness m)] (str " ALLOW LATENESS " (interval l)))
       (when-let [t (:late-data-to m)] (str " LATE DATA TO " (expr/sql-name t)))))

;; ------------------------------------------------------------------ sources, sinks, tables

(defn- columns-sql [cols]
  (for [[n t & flags] cols]
    (if (= t :proctime)
      (str (expr/sql-name n) " AS PROCTIME()")   ; a computed processing-time column
      (str (expr/sql-name n) " " (type-sql t) (when (some #{:not-null} flags) " NOT NULL")))))

(defn- option-value [v]
  (cond
    (keyword? v) (expr/string-literal (name v))
    (string? v) (expr/string-literal v)
    (instance? java.util.Date v) (expr/string-literal (str (.toInstant ^java.util.Date v)))
    (inst? v) (expr/string-literal (str v))
    :else (str v)))

(defn connector-sql
  "` FROM FILES (path = '...', format = 'json')`; nil for MEMORY (the default)."
  [keyword-sql {:keys [connector] :as c}]
  (let [cname (keyword (str/lower-case (name connector)))]
    (when-not (= cname :memory)
      (let [opts (dissoc c :connector)]
        (str " " keyword-sql " " (get-in @spec/model [:connectors cname :sql])
             (when (seq opts)
               (str " (" (str/join ", " (for [[k v] opts]
                                          (str (let [n (name k)] (if (re-matches #"[a-z][a-z0-9]*" n) n (expr/string-literal n)))
                                               " = " (option-value v))))
                    ")")))))))

(defn- primary-key [cols explicit]
  (or (seq explicit) (seq (for [[n _ & flags] cols :when (some #{:primary-key} flags)] n))))

(defn- table-elements [cols watermark pk]
  (str " ("
       (str/join ", " (concat (columns-sql cols)
                              (when watermark
                                (let [{:keys [column delay]} watermark
                                      c (expr/column-sql column)]
                                  [(str "WATERMARK FOR " c " AS " c
                                        (when (and delay (pos? (first delay))) (str " - " (interval delay))))]))
                              (when pk [(str "PRIMARY KEY (" (str/join ", " (map expr/sql-name pk)) ")")])))
       ")"))

(defn- remove-nippy [c] (when-not (nippy/files? c) c))

(defn- source-sql [m]
  (let [cols (:source/columns m)]
    (str (create-head "SOURCE" m (:source/name m))
         (table-elements cols (:source/watermark m) (primary-key cols (:source/primary-key m)))
         ;; a :nippy FILES source is a MEMORY source that laminar.core replays the file into
         (some->> (:source/connector m) (remove-nippy) (connector-sql "FROM")))))

(defn- table-sql [m]
  (let [cols (:table/columns m)]
    (str (create-head "TABLE" m (:table/name m))
         (table-elements cols nil (primary-key cols (:table/primary-key m))))))

(defn- with-options-sql
  "` WITH ('connector' = 'postgres', 'url' = '...', 'cache.ttl' = '60s')`: the WITH form, every key quoted."
  [c]
  (str " WITH (" (str/join ", " (for [[k v] c]
                                  (str (expr/string-literal (name k)) " = "
                                       (expr/string-literal (cond (vector? v) (duration-option v)
                                                                  (keyword? v) (name v)
                                                                  :else (str v))))))
       ")"))

(defn- lookup-table-sql [m]
  (let [cols (:lookup-table/columns m)]
    (str (create-head "LOOKUP TABLE" m (:lookup-table/name m))
         (table-elements cols nil (primary-key cols (:lookup-table/primary-key m)))
         (with-options-sql (:lookup-table/connector m)))))

(defn- sink-sql [m]
  (when (nippy/files? (:sink/connector m))
    (err/fail! :bad-value {:laminar/message "a :nippy FILES sink has no SQL form: laminar.core/create! runs it on the Clojure side"
                           :laminar/path [:sink/connector :format] :laminar/value :nippy
                           :laminar/expected "create! the sink map, or use :json / :csv to get SQL"}))
  (let [from (:sink/from m)]
    (str (create-head "SINK" m (:sink/name m))
         " FROM " (if (and (map? from) (= :query (spec/kind from)))
                    (str "(" (query-sql from) ")")
                    (expr/sql-name (name-of from)))
         (connector-sql "INTO" (:sink/connector m)))))

;; ------------------------------------------------------------------ entry points

(defn render
  "SQL of an already validated map."
  [m]
  (case (spec/kind m)
    :source (source-sql m)
    :stream (stream-sql "STREAM" (:stream/name m) m)
    :view (stream-sql "MATERIALIZED VIEW" (:view/name m) m)
    :sink (sink-sql m)
    :table (table-sql m)
    :lookup-table (lookup-table-sql m)
    :query (query-sql m)))

(defn ->sql
  "The SQL statement a map means, after validating it (throws like laminar.spec/validate).

  | map kind | renders                                       |
  |----------|-----------------------------------------------|
  | source   | `CREATE SOURCE name (cols, WATERMARK ...) FROM ...` |
  | stream   | `CREATE STREAM name AS SELECT ... [EMIT ...]` |
  | view     | `CREATE MATERIALIZED VIEW name AS SELECT ...` |
  | sink     | `CREATE SINK name FROM x INTO ...`            |
  | table    | `CREATE TABLE name (cols, PRIMARY KEY (...))` |
  | lookup-table | `CREATE LOOKUP TABLE name (cols, PRIMARY KEY (...)) WITH (...)` |
  | query    | `SELECT ...`                                  |

      (->sql {:source/name :bids :source/columns [[:auction :bigint] [:ts :timestamp]]
              :source/watermark {:column :ts :delay [4 :seconds]}})
      ;=> \"CREATE SOURCE bids (auction BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '4' SECOND)\""
  [m]
  (render (spec/validate m)))

(defn- inputs
  "Everything a map reads: its :from or :sink/from, the relations it joins, the members of its :union-all."
  [m]
  (concat (some-> (:from m) spec/relation :relation vector)
          (some-> (:sink/from m) vector)
          (keep (fn [[_ _ rel]] (:relation (spec/relation rel))) (join-pairs m))
          (when (vector? (:union-all m)) (:union-all m))))

(defn dependencies
  "Named maps a map reads from (its :from / :sink/from, joined relations and :union-all members when those are
  named maps, recursively), upstream first."
  [m]
  (vec (mapcat (fn [x]
                 (cond
                   (and (map? x) (object-name x)) (conj (dependencies x) x)
                   (map? x) (dependencies x)
                   :else []))
               (inputs m))))
