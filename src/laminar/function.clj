(ns laminar.function
  "User-defined functions, referenced from maps by symbol and callable from SQL once registered.

  A scalar function is a var holding a function whose signature is read from its type hints (or from
  `:laminar/args` / `:laminar/returns` metadata):

      (defn score ^double [^long price ^double weight] (* price weight))
      ;; in a map:  {:select {:s ['my.app/score :price 0.5]}}
      ;; in SQL:    SELECT score(price, 0.5) ...

  An aggregate is a var holding a map of symbols (or a literal such map with a `:name`):

      (def weighted {:init 'my.app/w-init :step 'my.app/w-step :merge 'my.app/w-merge :result 'my.app/w-result})
      ;; in a map:  {:select {:w ['my.app/weighted :price]}}

  Its argument type comes from the `:step` fn's second parameter hint (or `:arg`), its result type from the
  `:result` fn's return hint (or `:returns`).

  A table function is a fn var with `:laminar/columns` metadata; it returns the rows one call expands to, as
  vectors (by position) or maps (by column keyword):

      (defn ^{:laminar/columns [[:word :varchar] [:pos :bigint]]} words [^String s]
        (map-indexed (fn [i w] [w (inc i)]) (str/split s #\" \")))
      ;; in SQL (after (register! 'my.app/words)):
      ;;   SELECT d.id, t.word FROM docs AS d CROSS JOIN LATERAL TABLE(words(d.body)) AS t(word, pos)

  | hint                              | SQL type    |
  |-----------------------------------|-------------|
  | `long` `Long`                     | BIGINT      |
  | `int` `Integer`                   | INTEGER     |
  | `double` `Double`                 | DOUBLE      |
  | `boolean` `Boolean`               | BOOLEAN     |
  | `String`                          | VARCHAR     |
  | `BigDecimal`                      | DECIMAL     |
  | `java.time.Instant` `Instant`     | TIMESTAMP   |

  The SQL name is the var's name with dashes as underscores (`w-score` -> `w_score`), or `:laminar/name`.
  Functions are registered JVM-wide (io.laminar.function.FunctionRegistry) when a map using them is compiled, or
  explicitly with [[register!]]."
  (:require [clojure.string :as str]
            [laminar.error :as err])
  (:import (clojure.lang IFn)
           (io.laminar.data ColumnType)
           (io.laminar.function FunctionRegistry)))

(set! *warn-on-reflection* true)

(def ^:private column-types
  {:bigint ColumnType/BIGINT :integer ColumnType/INTEGER :int ColumnType/INTEGER :double ColumnType/DOUBLE
   :boolean ColumnType/BOOLEAN :varchar ColumnType/VARCHAR :string ColumnType/VARCHAR :decimal ColumnType/DECIMAL
   :timestamp ColumnType/TIMESTAMP})

(def ^:private hint-types
  {'long :bigint 'Long :bigint 'java.lang.Long :bigint
   'int :integer 'Integer :integer 'java.lang.Integer :integer
   'double :double 'Double :double 'java.lang.Double :double
   'boolean :boolean 'Boolean :boolean 'java.lang.Boolean :boolean
   'String :varchar 'java.lang.String :varchar
   'BigDecimal :decimal 'java.math.BigDecimal :decimal
   'Instant :timestamp 'java.time.Instant :timestamp})

(defn- hint->type [tag]
  (cond (keyword? tag) tag
        (symbol? tag) (hint-types tag)
        (class? tag) (hint-types (symbol (.getName ^Class tag)))))

(defn- sql-name [v]
  (let [m (meta v)]
    (str/replace (name (or (:laminar/name m) (:name m))) \- \_)))

;; which var owns which SQL name, so two namespaces' `score` do not silently replace each other
(defonce ^:private owners (atom {}))

(defn- fail! [error path ref message & [hint]]
  (err/fail! error (cond-> {:laminar/message message :laminar/path path :laminar/value ref
                            :laminar/expected "a var holding a type-hinted function, or a map of :init :step :merge :result symbols"}
                     hint (assoc :laminar/hint hint))))

(defn- resolve-var [path sym]
  (let [v (try (requiring-resolve sym) (catch Exception _ nil))]
    (or v (fail! :function-not-found path sym (str "no var " sym " (is its namespace on the classpath?)")))))

(defn- the-type [path ref t what]
  (or (column-types t)
      (fail! :function-signature path ref (str "cannot tell the " what " type of " ref)
             (str "add a type hint such as ^double, or " (if (= what "result") ":laminar/returns :double" ":laminar/args [:double]")
                  " metadata"))))

(defn- claim! [path ref sql-name owner]
  (let [prev (get (swap! owners update sql-name #(or % owner)) sql-name)]
    (when (not= prev owner)
      (fail! :function-conflict path ref (str "SQL name " sql-name " already belongs to " prev)
             "give one of them another name with ^{:laminar/name \"...\"} metadata"))))

(defn- params-of
  "The SQL parameter types of the fn var `v`: from :laminar/args, or from its single arity's type hints."
  [path sym v]
  (let [m (meta v)
        arglist (first (:arglists m))]
    (when (or (nil? arglist) (> (count (:arglists m)) 1) (some #{'&} arglist))
      (fail! :function-signature path sym (str sym " needs exactly one fixed arity to be a SQL function")))
    (mapv #(the-type path sym % "argument")
          (or (:laminar/args m) (map #(hint->type (:tag (meta %))) arglist)))))

(defn- register-scalar! [path sym v]
  (let [m (meta v)
        params (params-of path sym v)
        returns (or (:laminar/returns m) (hint->type (:tag (meta (first (:arglists m))))) (hint->type (:tag m)))
        result (the-type path sym returns "result")
        n (sql-name v)]
    (claim! path sym n (symbol v))
    (FunctionRegistry/registerScalar ^String n ^ColumnType result ^java.util.List params ^IFn @v)
    n))

(defn- register-table!
  "A table function: a fn var with `:laminar/columns [[:word :varchar] [:pos :bigint]]` returning a sequence of
  rows (vectors by position, or maps by column keyword)."
  [path sym v]
  (let [cols (:laminar/columns (meta v))
        _ (when-not (and (sequential? cols) (seq cols) (every? #(and (vector? %) (= 2 (count %))) cols))
            (fail! :function-signature path sym (str sym " :laminar/columns must be a non-empty vector of "
                                                     "[column-name type] pairs, such as [[:word :varchar]]")))
        params (params-of path sym v)
        names (mapv #(str/replace (name (first %)) \- \_) cols)
        types (mapv #(the-type path sym (second %) "column") cols)
        n (sql-name v)]
    (claim! path sym n (symbol v))
    (FunctionRegistry/registerTable ^String n ^java.util.List names ^java.util.List types ^java.util.List params ^IFn @v)
    n))

(defn- fn-of [path ref k sym]
  (let [v (if (symbol? sym) (resolve-var (conj path k) sym) sym)]
    (when-not (ifn? (if (var? v) @v v))
      (fail! :function-signature (conj path k) ref (str k " of aggregate " (pr-str ref) " is not a function")))
    v))

(defn- register-aggregate! [path ref agg-name agg]
  (doseq [k [:init :step :merge :result]]
    (when-not (contains? agg k)
      (fail! :function-signature path ref (str "aggregate " agg-name " needs " k))))
  (let [[init step merge result] (map #(fn-of path ref % (get agg %)) [:init :step :merge :result])
        arg (or (:arg agg) (some-> (meta step) :arglists first second meta :tag hint->type))
        returns (or (:returns agg) (some-> (meta result) :arglists first meta :tag hint->type)
                    (some-> (meta result) :tag hint->type))
        n (str/replace (name agg-name) \- \_)
        deref-fn (fn [x] (if (var? x) @x x))]
    (claim! path ref n (if (symbol? ref) ref (symbol (str "aggregate:" n))))
    (FunctionRegistry/registerAggregate ^String n ^ColumnType (the-type path ref arg "argument")
                                        ^ColumnType (the-type path ref returns "result")
                                        ^IFn (deref-fn init) ^IFn (deref-fn step) ^IFn (deref-fn merge)
                                        ^IFn (deref-fn result))
    n))

(defn register!
  "Registers a function (a symbol naming a var), a table function (a fn var with :laminar/columns metadata) or an
  aggregate (a symbol naming a var that holds a {:init :step :merge :result} map, or such a map with :name) and
  returns its SQL name. Idempotent.

      (register! 'my.app/score) ;=> \"score\""
  ([ref] (register! [] ref))
  ([path ref]
   (cond
     (symbol? ref)
     (let [v (resolve-var path ref)
           value @v]
       (cond
         (map? value) (register-aggregate! path ref (:name (meta v)) value)
         (and (fn? value) (:laminar/columns (meta v))) (register-table! path ref v)
         (fn? value) (register-scalar! path ref v)
         :else (fail! :function-signature path ref (str ref " holds neither a function nor an aggregate map"))))

     (map? ref)
     (if-let [n (:name ref)]
       (register-aggregate! path ref n ref)
       (fail! :function-signature path ref "a literal aggregate map needs :name (its SQL name)"))

     :else (fail! :function-signature path ref "not a function reference"))))

(defn check-ref
  "For laminar.spec: resolves and registers a function reference found at `path`."
  [path ref]
  (register! path ref)
  nil)

(defn function-name
  "For laminar.dsl: the SQL name of a function reference (registering it)."
  [ref]
  (register! [] ref))

(defn aggregate-ref?
  "True when `ref` (a symbol or map) names a user aggregate."
  [ref]
  (or (map? ref) (and (symbol? ref) (some-> (try (requiring-resolve ref) (catch Exception _ nil)) deref map?))))

(defn registered
  "Every registered function: SQL name -> signature.

      (registered) ;=> {\"score\" \"score(BIGINT, DOUBLE) -> DOUBLE\"}"
  []
  (into (sorted-map) (FunctionRegistry/signatures)))
