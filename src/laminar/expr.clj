(ns laminar.expr
  "Expressions in HoneySQL's conventions: checking them (for laminar.spec) and rendering them as SQL (for
  laminar.dsl). One table, [[operators]], drives both, so what validates is exactly what renders.

  | form                                 | SQL                                   |
  |--------------------------------------|---------------------------------------|
  | `:price`, `:window-end`              | `price`, `window_end`                 |
  | `100`, `\"text\"`, `true`, `nil`     | `100`, `'text'`, `TRUE`, `NULL`       |
  | `#inst \"2026-01-01\"`               | `TIMESTAMP '2026-01-01 00:00:00.000'` |
  | `[10 :seconds]`                      | `INTERVAL '10' SECOND`                |
  | `[:> :price 100]`, `[:and a b c]`    | `price > 100`, `(a AND b AND c)`      |
  | `[:* 0.908 :price]`                  | `(0.908 * price)`                     |
  | `[:case c1 v1 c2 v2 :else v]`        | `CASE WHEN c1 THEN v1 ... ELSE v END` |
  | `[:cast :price :double]`             | `CAST(price AS DOUBLE)`               |
  | `[:count :*]`, `[:count-distinct :b]`| `COUNT(*)`, `COUNT(DISTINCT b)`       |
  | `[:filter [:sum :p] [:> :p 1]]`      | `SUM(p) FILTER (WHERE p > 1)`         |
  | `[:in :c [1 2]]`, `[:between :c 1 9]`| `c IN (1, 2)`, `c BETWEEN 1 AND 9`    |
  | `[:upper :name]` (any other keyword) | `UPPER(name)`                         |
  | `['my.app/score :price]`             | a user function (see laminar.function)|
  | `[:over [:row-number] {:partition-by [:a] :order-by [[:p :desc]]}]` | `ROW_NUMBER() OVER (PARTITION BY a ORDER BY p DESC)` |
  | `[:over [:sum :p] {:order-by [:ts] :frame [:rows 3]}]` | `SUM(p) OVER (ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)` |"
  (:require [clojure.string :as str]
            [laminar.error :as err]
            [laminar.function :as function])
  (:import (io.laminar.sql.parser LaminarSqlParserImpl)
           (java.time Instant LocalDate ZoneOffset)
           (java.time.format DateTimeFormatter)
           (java.util Date)))

(set! *warn-on-reflection* true)

;; ------------------------------------------------------------------ names

(def ^:private reserved?
  (let [metadata (.getMetadata (.getParser LaminarSqlParserImpl/FACTORY (java.io.StringReader. "")))]
    (memoize (fn [^String word] (.isReservedWord metadata (str/upper-case word))))))

(defn sql-name
  "The SQL identifier of a keyword, symbol or string: dashes become underscores, reserved words are quoted.

      (sql-name :hot-items) ;=> \"hot_items\"
      (sql-name :count)     ;=> \"\\\"count\\\"\""
  [x]
  (let [s (str/replace (if (or (keyword? x) (symbol? x)) (name x) (str x)) \- \_)]
    (if (or (reserved? s) (not (re-matches #"[A-Za-z_][A-Za-z0-9_$]*" s)))
      (str \" (str/replace s "\"" "\"\"") \")
      s)))

(defn column-sql
  "A column reference: `:price` -> `price`, `:b.price` -> `b.price`, `:*` -> `*`."
  [k]
  (if (= k :*)
    "*"
    (str/join "." (map sql-name (str/split (name k) #"\.")))))

;; ------------------------------------------------------------------ literals

(def ^:private ^DateTimeFormatter timestamp-format
  (.withZone (DateTimeFormatter/ofPattern "yyyy-MM-dd HH:mm:ss.SSS") ZoneOffset/UTC))

(defn string-literal [s] (str \' (str/replace (str s) "'" "''") \'))

(defn- instant-literal [^Instant i]
  (str "TIMESTAMP '" (.format timestamp-format i) "'"))

(defn duration-millis
  "Milliseconds of a duration `[amount unit]` given the unit table of the information model."
  [units [amount unit]]
  (* amount (units unit)))

(defn interval-sql
  "`[10 :seconds]` -> `INTERVAL '10' SECOND`; whole minutes, hours and days keep their unit, fractions of a
  second are written in seconds (`[250 :ms]` -> `INTERVAL '0.25' SECOND`)."
  [units [amount unit :as d]]
  (let [ms (duration-millis units d)]
    (cond
      (and (integer? amount) (#{:day :days :d} unit))          (str "INTERVAL '" amount "' DAY")
      (and (integer? amount) (#{:hour :hours :h} unit))        (str "INTERVAL '" amount "' HOUR")
      (and (integer? amount) (#{:minute :minutes :m} unit))    (str "INTERVAL '" amount "' MINUTE")
      (and (integer? ms) (zero? (rem (long ms) 1000)))          (str "INTERVAL '" (quot (long ms) 1000) "' SECOND")
      :else (str "INTERVAL '" (.toPlainString (.stripTrailingZeros (bigdec (/ ms 1000)))) "' SECOND"))))

;; ------------------------------------------------------------------ the operator table

(def operators
  "Every keyword operator with special syntax: arity as [min max] (nil max = any), and how it renders.
  A keyword not listed here is a plain function call, `[:upper :x]` -> `UPPER(x)`."
  {:=  {:arity [2 2] :infix "="}   :<> {:arity [2 2] :infix "<>"}  :!= {:arity [2 2] :infix "<>"}
   :<  {:arity [2 2] :infix "<"}   :>  {:arity [2 2] :infix ">"}
   :<= {:arity [2 2] :infix "<="}  :>= {:arity [2 2] :infix ">="}
   :+  {:arity [1 nil] :infix "+"} :-  {:arity [1 nil] :infix "-"}
   :*  {:arity [2 nil] :infix "*"} :/  {:arity [2 nil] :infix "/"} :%  {:arity [2 2] :infix "%"}
   :|| {:arity [2 nil] :infix "||"}
   :and {:arity [1 nil] :infix "AND"} :or {:arity [1 nil] :infix "OR"}
   :not {:arity [1 1]}
   :like {:arity [2 2] :infix "LIKE"} :not-like {:arity [2 2] :infix "NOT LIKE"}
   :is-null {:arity [1 1]} :is-not-null {:arity [1 1]}
   :in {:arity [2 2]} :not-in {:arity [2 2]}
   :between {:arity [3 3]}
   :over {:arity [2 2]}
   :case {:arity [2 nil]}
   :cast {:arity [2 2]}
   :filter {:arity [2 2]}
   :count {:arity [1 1] :aggregate true}
   :count-distinct {:arity [1 1] :aggregate true}
   :sum {:arity [1 1] :aggregate true} :min {:arity [1 1] :aggregate true}
   :max {:arity [1 1] :aggregate true} :avg {:arity [1 1] :aggregate true}})

(defn- operators-with-syntax
  "Operators that are not function calls (infix, CASE, CAST, ...): what [:over x ...] cannot apply to."
  [op]
  (and (operators op) (not (:aggregate (operators op)))))

(defn aggregate-call?
  "True for `[:count :*]`, `[:sum :x]`, a `:filter`ed aggregate or a user aggregate."
  [x]
  (and (vector? x)
       (let [op (first x)]
         (or (:aggregate (operators op))
             (= op :filter)
             (and (or (map? op) (symbol? op)) (function/aggregate-ref? op))))))

(defn contains-aggregate?
  "True when `x` aggregates rows into groups; an aggregate inside [:over ...] does not (it is computed per row)."
  [x]
  (or (aggregate-call? x)
      (and (vector? x) (not (number? (first x))) (not= :over (first x)) (some contains-aggregate? (rest x)))))

;; ------------------------------------------------------------------ checking

(def ^:dynamic *context*
  "What the checker reports with errors: {:input <the whole map> :units <unit table> :column-type? <fn>}."
  {})

(defn- bad! [path value expected message & [hint]]
  (err/fail! :bad-value (cond-> {:laminar/path path :laminar/value value :laminar/expected expected
                                 :laminar/message message :laminar/input (:input *context*)}
                          hint (assoc :laminar/hint hint))))

(defn check-duration
  "Checks `[amount unit]`."
  [path d]
  (let [units (:units *context*)]
    (when-not (and (vector? d) (= 2 (count d)) (number? (first d)) (not (neg? (first d))) (contains? units (second d)))
      (bad! path d "[amount unit] with a non-negative amount and unit one of :ms :seconds :minutes :hours :days"
            "not a duration"
            (when (and (vector? d) (keyword? (second d)) (not (contains? units (second d))))
              (some->> (err/did-you-mean (second d) (keys units)) (str "did you mean " ) (#(str % "?"))))))))

(def ^:private literal?
  (some-fn number? string? boolean? nil? #(instance? Date %) #(instance? Instant %) #(instance? LocalDate %)))

(declare check)

(defn check-ordering
  "Checks an ordering: a vector of expressions or [expression :asc|:desc]."
  [path v]
  (if (and (vector? v) (seq v))
    (doseq [[i o] (map-indexed vector v)]
      (if (and (vector? o) (= 2 (count o)) (#{:asc :desc} (second o)))
        (check (conj path i 0) (first o))
        (check (conj path i) o)))
    (bad! path v "a vector of expressions or [expression :asc|:desc]" "not an ordering")))

(defn- check-over
  "[:over call {:partition-by [...] :order-by [...] :frame [:rows n]}]"
  [path [_ call spec :as x]]
  (when-not (and (vector? call) (keyword? (first call)) (not (operators-with-syntax (first call))))
    (bad! (conj path 1) call "a function call such as [:row-number], [:rank], [:lag :price 1] or [:sum :price]"
          ":over applies to a function call"))
  (check (conj path 1) call)
  (when-not (map? spec)
    (bad! (conj path 2) spec "{:partition-by [...] :order-by [...] :frame [:rows n]}" "an OVER window is a map"))
  (let [allowed (:over-keys *context*)]
    (doseq [k (keys spec) :when (not (some #{k} allowed))]
      (bad! (conj path 2 k) (get spec k) (str "one of " (str/join ", " allowed)) (str "unknown key " k " in an OVER window")
            (some->> (err/did-you-mean k allowed) (format "did you mean %s?")))))
  (when-let [p (:partition-by spec)]
    (if (and (vector? p) (seq p))
      (doseq [[i e] (map-indexed vector p)] (check (conj path 2 :partition-by i) e))
      (bad! (conj path 2 :partition-by) p "a vector of expressions" "not a vector of expressions")))
  (when (contains? spec :order-by) (check-ordering (conj path 2 :order-by) (:order-by spec)))
  (when-let [[unit n :as f] (:frame spec)]
    (when-not (and (vector? f) (= 2 (count f))
                   (or (= n :unbounded)
                       (and (= unit :rows) (nat-int? n))
                       (= unit :range)))
      (bad! (conj path 2 :frame) f "[:rows n], [:rows :unbounded], [:range <duration>] or [:range :unbounded]"
            "not a frame"))
    (when (and (= unit :range) (not= n :unbounded)) (check-duration (conj path 2 :frame 1) n))
    (when-not (:order-by spec)
      (bad! (conj path 2) spec "an :order-by with the :frame" "a frame counts rows in order: it needs :order-by")))
  x)

(defn- check-args [path args]
  (doseq [[i a] (map-indexed vector args)] (check (conj path (inc i)) a)))

(defn- check-arity [path op args]
  (let [[lo hi] (:arity (operators op))
        n (count args)]
    (when (or (< n lo) (and hi (> n hi)))
      (bad! path (into [op] args)
            (str op " with " (if (= lo hi) lo (str lo (if hi (str " to " hi) " or more"))) " argument(s)")
            (str "wrong number of arguments to " op)))))

(defn- check-call [path [op & args :as x]]
  (cond
    (number? op) (check-duration path x)

    (keyword? op)
    (do
      (when (operators op) (check-arity path op args))
      (case op
        :case (do (check-args path args)
                  (let [n (count args)
                        else? (and (>= n 2) (= :else (nth args (- n 2))))]
                    (when (and (odd? n) (not else?))
                      (bad! path x "[:case cond value cond value ... :else value]" "uneven :case clauses"))))
        :cast (let [[e t] args]
                (check (conj path 1) e)
                (when-not ((:column-type? *context*) t)
                  (bad! (conj path 2) t "a column type such as :double, :bigint or [:decimal 10 2]"
                        "unknown type in :cast")))
        :filter (let [[agg cond] args]
                  (when-not (aggregate-call? agg)
                    (bad! (conj path 1) agg "an aggregate such as [:count :*] or [:sum :price]"
                          ":filter applies to an aggregate"))
                  (check (conj path 1) agg)
                  (check (conj path 2) (if (map? cond) (:where cond) cond)))
        (:in :not-in) (let [[e vs] args]
                        (check (conj path 1) e)
                        (if (and (sequential? vs) (seq vs))
                          (check-args (conj path 2) vs)
                          (bad! (conj path 2) vs "a non-empty vector of values" (str op " needs a list of values"))))
        :count (when-not (= :* (first args)) (check-args path args))
        :over (check-over path x)
        (check-args path args)))

    (symbol? op)
    (do ((:resolve-function *context*) path op)
        (check-args path args))

    (map? op)
    (do ((:resolve-function *context*) path op)
        (check-args path args))

    :else
    (bad! path x "[op & args] with a keyword operator, a function symbol, or [amount unit]"
          "not an expression")))

(defn check
  "Checks expression `x` found at `path`; throws a DSL error naming the path when it is malformed."
  [path x]
  (cond
    (keyword? x) (when (namespace x)
                   (bad! path x "an unqualified column keyword such as :price" "a column keyword has no namespace"))
    (literal? x) nil
    (vector? x) (if (empty? x)
                  (bad! path x "an expression" "empty vector is not an expression")
                  (check-call path x))
    :else (bad! path x "a column keyword, a literal or [op & args]"
                (str "not an expression (" (.getSimpleName (class x)) ")"))))

;; ------------------------------------------------------------------ rendering

(def ^:dynamic *render*
  "Rendering context: {:units <unit table> :type-sql <fn> :function-name <fn from symbol/map to SQL name>}."
  {})

(declare sql)

(defn- infix [op-sql args]
  (if (= 1 (count args))
    (str "(" op-sql " " (sql (first args)) ")")
    (str "(" (str/join (str " " op-sql " ") (map sql args)) ")")))

(defn- call [fname args]
  (str fname "(" (str/join ", " (map sql args)) ")"))

(defn ordering-sql
  "`[[:price :desc] :ts]` -> `price DESC, ts`."
  [v]
  (str/join ", " (for [o v]
                   (if (and (vector? o) (#{:asc :desc} (second o)))
                     (str (sql (first o)) " " (str/upper-case (name (second o))))
                     (sql o)))))

(defn- over-sql [call {:keys [partition-by order-by] [unit n] :frame}]
  (str (sql call) " OVER ("
       (str/join " " (cond-> []
                       (seq partition-by) (conj (str "PARTITION BY " (str/join ", " (map sql partition-by))))
                       (seq order-by) (conj (str "ORDER BY " (ordering-sql order-by)))
                       unit (conj (str (if (= unit :rows) "ROWS" "RANGE") " BETWEEN "
                                       (cond (= n :unbounded) "UNBOUNDED"
                                             (= unit :rows) n
                                             :else (interval-sql (:units *render*) n))
                                       " PRECEDING AND CURRENT ROW"))))
       ")"))

(defn- render-call [[op & args :as x]]
  (cond
    (number? op) (interval-sql (:units *render*) x)
    (symbol? op) (call ((:function-name *render*) op) args)
    (map? op) (call ((:function-name *render*) op) args)
    :else
    (case op
      :not (str "(NOT " (sql (first args)) ")")
      :is-null (str "(" (sql (first args)) " IS NULL)")
      :is-not-null (str "(" (sql (first args)) " IS NOT NULL)")
      (:in :not-in) (str "(" (sql (first args)) (if (= op :in) " IN (" " NOT IN (")
                         (str/join ", " (map sql (second args))) "))")
      :between (let [[e lo hi] args] (str "(" (sql e) " BETWEEN " (sql lo) " AND " (sql hi) ")"))
      :case (let [pairs (partition-all 2 args)]
              (str "CASE"
                   (apply str (for [[c v] pairs]
                                (if (= c :else) (str " ELSE " (sql v)) (str " WHEN " (sql c) " THEN " (sql v)))))
                   " END"))
      :cast (str "CAST(" (sql (first args)) " AS " ((:type-sql *render*) (second args)) ")")
      :count (if (= :* (first args)) "COUNT(*)" (call "COUNT" args))
      :count-distinct (str "COUNT(DISTINCT " (sql (first args)) ")")
      :over (over-sql (first args) (second args))
      :filter (let [[agg cond] args]
                (str (sql agg) " FILTER (WHERE " (sql (if (map? cond) (:where cond) cond)) ")"))
      (if-let [o (:infix (operators op))]
        (infix o args)
        (call (str/upper-case (str/replace (name op) \- \_)) args)))))

(defn sql
  "The SQL text of expression `x` (already checked)."
  [x]
  (cond
    (keyword? x) (column-sql x)
    (string? x) (string-literal x)
    (nil? x) "NULL"
    (boolean? x) (if x "TRUE" "FALSE")
    (ratio? x) (str (double x))
    (decimal? x) (.toPlainString ^BigDecimal x)
    (number? x) (str x)
    (instance? Date x) (instant-literal (.toInstant ^Date x))
    (instance? Instant x) (instant-literal x)
    (instance? LocalDate x) (str "DATE '" x "'")
    (vector? x) (render-call x)
    :else (throw (IllegalArgumentException. (str "not an expression: " (pr-str x))))))
