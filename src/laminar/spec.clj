(ns laminar.spec
  "Validation of Laminar maps against the information model (resources/laminar/model.edn).

  Every key is described once there — doc, type, choices, default, example — and this namespace checks maps
  against it: unknown keys in our namespaces (unqualified, :source/*, :stream/*, :view/*, :sink/*, :table/*,
  :lookup-table/*, :window/*) are errors with a \"did you mean\" hint; keys in any other namespace are yours and are ignored.

  | fn              | returns                                                            |
  |-----------------|--------------------------------------------------------------------|
  | [[validate]]    | the map, or throws ex-info (see laminar.error for its data)        |
  | [[validator]]   | a one-argument validate fn (the model is read once)                |
  | [[explain-data]]| nil when valid, else the error data                                |
  | [[kind]]        | :source :stream :view :sink :table :lookup-table or :query         |
  | [[relation]]    | the relation and alias of a :from or join value                    |
  | [[describe-key]]| the model entry of a key                                           |

      (validate {:stream/name :s :from :bids :select {:n [:count :*]} :emit :final})
      ;=> {:stream/name :s, :from :bids, :select {:n [:count :*]}, :emit :final}"
  (:require [clojure.edn :as edn]
            [clojure.java.io :as io]
            [clojure.string :as str]
            [laminar.error :as err]
            [laminar.expr :as expr]
            [laminar.function :as function]))

(set! *warn-on-reflection* true)

(def model
  "The information model, read once from the classpath."
  (delay (edn/read-string (slurp (io/resource "laminar/model.edn")))))

(def ^:private our-namespaces #{"source" "stream" "view" "sink" "table" "lookup-table" "window"})

(defn- ours? [k]
  (and (keyword? k) (or (nil? (namespace k)) (our-namespaces (namespace k)))))

(defn describe-key
  "The information-model entry of `k`: `(describe-key :window/size)` ;=>
  {:doc \"Window length (tumble, hop, cumulate).\", :type :duration, :example [10 :seconds]}"
  [k]
  (get-in @model [:keys k]))

;; ------------------------------------------------------------------ what kind of map

(defn- guess-kind
  "For a map without a name key: the kind its other keys point at (a misspelt name key leaves its namespace)."
  [m]
  (let [nss (set (keep #(some-> % namespace keyword) (keys m)))]
    (some #(when (nss %) %) [:source :stream :view :sink :table :lookup-table])))

(defn kind
  "Which Laminar object a map describes, from its name key (:source/name, :stream/name, :view/name, :sink/name,
  :table/name, :lookup-table/name); a map with :select, :from or :union-all and no name is a :query. nil when it
  is none of these."
  [m]
  (when (map? m)
    (or (some (fn [[k {:keys [name-key]}]] (when (and name-key (contains? m name-key)) k)) (:objects @model))
        ;; a misspelt name key (:stream/nme) must not turn a stream into a query
        (when (and (some #(contains? m %) [:select :from :union-all]) (not (guess-kind m))) :query))))

;; ------------------------------------------------------------------ key checks

(defn- fail-unknown! [ctx path k allowed what]
  (let [guess (or (err/did-you-mean k allowed)
                  ;; :inner-join, :left-outer-join, :union ...: the SQL spelling of a key we name differently
                  (some #{(get-in @model [:synonyms k])} allowed))
        elsewhere (when-not guess
                    (some (fn [[kind {:keys [keys]}]] (when (some #{k} keys) kind)) (:objects @model)))]
    (err/fail! :unknown-key
               (cond-> {:laminar/message  (str "unknown key " k " in " what)
                        :laminar/path     (conj path k)
                        :laminar/value    (get-in (:input ctx) (conj path k))
                        :laminar/expected (str "one of " (str/join ", " allowed))
                        :laminar/input    (:input ctx)}
                 guess     (assoc :laminar/hint (str "did you mean " guess "?"))
                 elsewhere (assoc :laminar/hint (str k " belongs in a " elsewhere " map"))))))

(defn- check-keys
  "Unknown keys of ours first (a typo then reports itself rather than the key it hides), then required keys."
  [ctx path m allowed required what]
  (let [allowed-set (set allowed)]
    (doseq [k (keys m)]
      (when (and (ours? k) (not (allowed-set k)))
        (fail-unknown! ctx path k allowed what)))
    (doseq [k required]
      (when-not (contains? m k)
        (err/fail! :missing-key {:laminar/message  (str what " needs " k)
                                 :laminar/path     (conj path k)
                                 :laminar/expected (str k ": " (or (get-in @model [:keys k :doc]) "required"))
                                 :laminar/hint     (str "for example " k " " (pr-str (get-in @model [:keys k :example])))
                                 :laminar/input    (:input ctx)})))))

(defn- bad! [ctx path value expected message & [hint]]
  (err/fail! :bad-value (cond-> {:laminar/path path :laminar/value value :laminar/expected expected
                                 :laminar/message message :laminar/input (:input ctx)}
                          hint (assoc :laminar/hint hint))))

(defn- type-doc [t] (get-in @model [:types t :doc] (name t)))

;; ------------------------------------------------------------------ value checks by type

(defn column-type?
  "True for a column type: `:bigint`, `[:decimal 10 2]`, `[:varchar 20]`, `[:timestamp 6]`."
  [t]
  (let [types (:column-types @model)]
    (or (contains? types t)
        (and (vector? t) (contains? types (first t)) (<= 2 (count t) 3) (every? nat-int? (rest t))))))

(defn- name-value? [x]
  (and (or (keyword? x) (symbol? x) (string? x))
       (not (and (or (keyword? x) (symbol? x)) (namespace x)))
       (boolean (re-matches #"[A-Za-z_][A-Za-z0-9_\-$]*" (name x)))))

(declare check-object check-value)

(defn- check-enum [ctx path v choices]
  (let [v' (if (string? v) (keyword (str/lower-case v)) v)]
    (when-not (some #{v'} choices)
      (bad! ctx path v (str "one of " (str/join ", " choices)) (str "unsupported value " (pr-str v))
            (some->> (when (keyword? v') (err/did-you-mean v' choices)) (format "did you mean %s?"))))))

(defn- check-columns
  "Column declarations; a source may also declare [:pt :proctime], a processing-time column."
  [ctx path cols]
  (when-not (and (vector? cols) (seq cols))
    (bad! ctx path cols (type-doc :columns) "columns must be a non-empty vector"))
  (let [seen (volatile! #{})]
    (doseq [[i c] (map-indexed vector cols)
            :let [p (conj path i)]]
      (when-not (and (vector? c) (>= (count c) 2) (name-value? (first c)))
        (bad! ctx p c "[name type & flags], e.g. [:price :bigint :not-null]" "not a column declaration"))
      (let [[n t & flags] c
            proctime? (= t :proctime)]
        (when (and proctime? (not= :source (:kind ctx)))
          (bad! ctx (conj p 1) t "a column type" "only a source declares a :proctime column"))
        (when (and proctime? (seq flags))
          (bad! ctx (conj p 2) (first flags) "[name :proctime] without flags" "a :proctime column is computed: no flags"))
        (when (@seen (expr/sql-name n))
          (bad! ctx p c "each column declared once" (str "column " n " is declared twice")))
        (vswap! seen conj (expr/sql-name n))
        (when-not (or proctime? (column-type? t))
          (bad! ctx (conj p 1) t (str "a column type: one of " (str/join ", " (keys (:column-types @model)))
                                      " or [:decimal p s] / [:varchar n] / [:timestamp p]")
                (str "unknown column type " (pr-str t))
                (some->> (when (keyword? t) (err/did-you-mean t (cond-> (keys (:column-types @model))
                                                                  (= :source (:kind ctx)) (conj :proctime))))
                         (format "did you mean %s?"))))
        (doseq [[j f] (map-indexed vector flags)]
          (when-not (#{:not-null :null :primary-key} f)
            (bad! ctx (conj p (+ 2 j)) f "a column flag: :not-null, :null or :primary-key"
                  (str "unknown column flag " (pr-str f)))))))))

(defn- check-window [ctx path w]
  (when-not (map? w) (bad! ctx path w (type-doc :window) "a window is a map"))
  (let [window-keys (get-in @model [:nested :window :keys])]
    (check-keys ctx path w window-keys [:window/type :window/time] "a :window map")
    (check-enum ctx (conj path :window/type) (:window/type w) (keys (:windows @model)))
    (let [wtype (keyword (name (:window/type w)))
          {:keys [required allowed]} (get-in @model [:windows wtype])
          fits (set (concat [:window/type :window/time] required allowed))]
      (doseq [k (keys w)]
        (when (and (ours? k) (not (fits k)))
          (let [owners (keep (fn [[t {:keys [required allowed]}]] (when (some #{k} (concat required allowed)) t))
                             (:windows @model))]
            (err/fail! :unknown-key {:laminar/message  (str k " does not apply to " wtype " windows")
                                     :laminar/path     (conj path k)
                                     :laminar/value    (get w k)
                                     :laminar/expected (str wtype " windows take " (str/join ", " (sort fits)))
                                     :laminar/hint     (if (seq owners)
                                                         (str k " is for " (str/join ", " owners) " windows")
                                                         (some->> (err/did-you-mean k fits) (format "did you mean %s?")))
                                     :laminar/input    (:input ctx)}))))
      (check-keys ctx path w window-keys required (str "a " wtype " window"))
      (doseq [[k v] w :when (ours? k) :when (not= k :window/type)]
        (check-value ctx (conj path k) (get-in @model [:keys k :type]) v)))))

(defn- check-connector [ctx path c direction]
  (when-not (map? c) (bad! ctx path c (type-doc :connector) "a connector is a map"))
  (let [connectors (:connectors @model)
        cname (:connector c)]
    (when-not (contains? c :connector)
      (err/fail! :missing-key {:laminar/message "a connector map needs :connector"
                               :laminar/path (conj path :connector)
                               :laminar/expected (str "one of " (str/join ", " (keys connectors)))
                               :laminar/input (:input ctx)}))
    (check-enum ctx (conj path :connector) cname (keys connectors))
    (let [cname (keyword (str/lower-case (name cname)))
          {dirs :direction :as connector} (connectors cname)
          ;; a lookup table reads through a cache: the connector's lookup options (or its source options) + cache options
          options (if (= direction :lookup)
                    (merge (or (:lookup-options connector) (:options connector)) (:lookup-cache @model))
                    (:options connector))]
      (when-not (contains? dirs direction)
        (bad! ctx (conj path :connector) cname
              (str "a " (name direction) " connector: one of "
                   (str/join ", " (keep (fn [[k v]] (when ((:direction v) direction) k)) connectors)))
              (str cname " cannot be a " (name direction))))
      (check-keys ctx path c (cons :connector (keys options))
                  (keep (fn [[k o]] (when (:required o) k)) options)
                  (str "the options of connector " cname))
      (doseq [[k v] c :when (not= k :connector) :let [{:keys [type choices]} (options k)] :when type]
        (if (= type :enum)
          (check-enum ctx (conj path k) v choices)
          (check-value ctx (conj path k) type v))))))

(defn- check-select [ctx path s]
  (cond
    (map? s) (doseq [[alias e] s]
               (when-not (name-value? alias)
                 (bad! ctx (conj path alias) alias (type-doc :name) "a select alias must be a plain name"))
               (expr/check (conj path alias) e))
    (and (vector? s) (seq s))
    (doseq [[i item] (map-indexed vector s)]
      (if (and (vector? item) (= 2 (count item)) (name-value? (second item)) (not (number? (first item))))
        (expr/check (conj path i 0) (first item))
        (expr/check (conj path i) item)))
    :else (bad! ctx path s (type-doc :select) "not a select list")))

(defn relation
  "The parts of a relation (a :from value or the relation of a join): `{:relation r :alias a}` for `:orders`,
  `[:orders :o]`, HoneySQL's `[[:orders :o]]`, or `[query-map :o]`; nil when `x` is none of these.

      (relation [:orders :o]) ;=> {:relation :orders, :alias :o}"
  [x]
  (cond
    (or (name-value? x) (map? x)) {:relation x}
    (and (vector? x) (= 1 (count x)) (vector? (first x))) (relation (first x))
    (and (vector? x) (= 1 (count x)) (or (name-value? (first x)) (map? (first x)))) {:relation (first x)}
    (and (vector? x) (= 2 (count x)) (or (name-value? (first x)) (map? (first x))) (name-value? (second x)))
    {:relation (first x) :alias (second x)}
    :else nil))

(defn- check-readable [ctx path f]
  (cond
    (name-value? f) nil
    (map? f) (if (#{:source :stream :view :table :lookup-table :query} (kind f))
               (check-object (assoc ctx :input-path path) path f)
               (bad! ctx path f "a name, a named map (source, stream, view, table or lookup table) or a query map"
                     "cannot read from this map"))
    :else (bad! ctx path f (type-doc :from) "not something to read from")))

(defn- check-from [ctx path f]
  (if-let [{r :relation} (relation f)]
    (check-readable ctx (if (vector? f) (conj path 0) path) r)
    (bad! ctx path f (str (type-doc :from) ", or [relation alias]") "not something to read from"
          (when (and (vector? f) (< 2 (count f)))
            "one relation per :from; add the others with :join, :left-join, ... or :union-all"))))

(def ^:private asof-kinds #{:asof-join :left-asof-join})

(defn- check-join-options [ctx path join-kind c]
  (let [asof? (asof-kinds join-kind)
        nested (get-in @model [:nested (if asof? :asof-join :join) :keys])]
    (when (and (not asof?) (contains? c :match))
      (bad! ctx (conj path :match) (:match c) ":on (and :as-of for a temporal join)"
            (str ":match is for ASOF joins, not " join-kind)
            (str "did you mean " (if (= join-kind :left-join) :left-asof-join :asof-join) "?")))
    (check-keys ctx path c nested (if asof? [:match :on] [:on])
                (str "the options of a " join-kind))
    (doseq [[k v] c :when (ours? k)]
      (if (= k :mode)
        (check-enum ctx (conj path k) v (get-in @model [:keys :mode :choices]))
        (check-value ctx (conj path k) (get-in @model [:keys k :type]) v)))
    (when (contains? c :as-of)
      (when-not (#{:join :left-join} join-kind)
        (bad! ctx (conj path :as-of) (:as-of c) ":as-of in a :join or :left-join"
              (str "a temporal join (FOR SYSTEM_TIME AS OF) is INNER or LEFT, not " join-kind))))
    (when-let [m (:match c)]
      (when-not (and (vector? m) (= 3 (count m)) (#{:>= :> :<= :<} (first m)))
        (bad! ctx (conj path :match) m "[:>= :left.ts :right.ts] (or :> :<= :<) comparing the two time columns"
              "an ASOF match compares the two sides' times")))))

(defn- check-joins
  "A join key's value: relation, condition pairs (HoneySQL's :join shape)."
  [ctx path join-kind v]
  (let [asof? (asof-kinds join-kind)
        example (get-in @model [:keys join-kind :example])]
    (when-not (and (vector? v) (seq v) (even? (count v)))
      (bad! ctx path v (type-doc (if asof? :asof-joins :joins))
            (str join-kind " takes relation, " (if asof? "options" "condition") " pairs")
            (str "for example " join-kind " " (pr-str example)
                 (when (and (vector? v) (odd? (count v))) "; is a condition missing?"))))
    (doseq [[i [rel c]] (map-indexed vector (partition 2 v))
            :let [rel-path (conj path (* 2 i))
                  c-path (conj path (inc (* 2 i)))]]
      (if-let [{r :relation a :alias} (relation rel)]
        (check-readable ctx (if (vector? rel) (conj rel-path 0) rel-path) r)
        (bad! ctx rel-path rel "a name, [name alias] or [query-map alias]" "not a relation to join"))
      (cond
        (map? c) (check-join-options ctx c-path join-kind c)
        asof? (bad! ctx c-path c "{:match [:>= :t.ts :q.ts] :on [:= :t.k :q.k]}"
                    "an ASOF join takes an options map with :match and :on")
        :else (check-value ctx c-path :expr c)))))

(defn- check-union [ctx path v]
  (when-not (and (vector? v) (<= 2 (count v)))
    (bad! ctx path v (type-doc :union) ":union-all needs two or more members"))
  (doseq [[i x] (map-indexed vector v)]
    (check-readable ctx (conj path i) x)))

(defn check-value
  "Checks value `v` of model type `t` at `path`."
  [ctx path t v]
  (binding [expr/*context* (assoc expr/*context* :input (:input ctx))]
    (case t
      :name (when-not (name-value? v) (bad! ctx path v (type-doc :name) "not a name"))
      :column (when-not (and (keyword? v) (name-value? v))
                (bad! ctx path v (type-doc :column) "not a column keyword"))
      :column-ref (when-not (and (keyword? v) (nil? (namespace v))
                                 (re-matches #"([A-Za-z_][A-Za-z0-9_\-$]*\.)?[A-Za-z_][A-Za-z0-9_\-$]*" (name v)))
                    (bad! ctx path v (type-doc :column-ref) "not a column reference"))
      :column-list (when-not (and (vector? v) (seq v) (every? #(and (keyword? %) (name-value? %)) v))
                     (bad! ctx path v (type-doc :column-list) "not a vector of columns"))
      :columns (check-columns ctx path v)
      :duration (expr/check-duration path v)
      :watermark (do (when-not (map? v) (bad! ctx path v (type-doc :watermark) "a watermark is a map"))
                     (check-keys ctx path v (get-in @model [:nested :watermark :keys]) [:column] "a watermark map")
                     (check-value ctx (conj path :column) :column (:column v))
                     (when (contains? v :delay) (expr/check-duration (conj path :delay) (:delay v))))
      :connector (check-connector ctx path v (:direction ctx))
      :from (check-from ctx path v)
      :joins (check-joins ctx path (peek path) v)
      :asof-joins (check-joins ctx path (peek path) v)
      :union (check-union ctx path v)
      :expr (expr/check path v)
      :expr-list (if (and (vector? v) (seq v))
                   (doseq [[i e] (map-indexed vector v)] (expr/check (conj path i) e))
                   (bad! ctx path v (type-doc :expr-list) "not a vector of expressions"))
      :select (check-select ctx path v)
      :window (check-window ctx path v)
      :emit (cond
              (#{:on-window-close :final :changes} v) nil
              (map? v) (do (check-keys ctx path v [:every] [:every] "an :emit map")
                           (expr/check-duration (conj path :every) (:every v)))
              :else (bad! ctx path v (type-doc :emit) (str "unknown emit mode " (pr-str v))
                          (some->> (when (keyword? v) (err/did-you-mean v [:on-window-close :final :changes]))
                                   (format "did you mean %s?"))))
      :order-by (expr/check-ordering path v)
      :boolean (when-not (boolean? v) (bad! ctx path v "true or false" "not a boolean"))
      :string (when-not (string? v) (bad! ctx path v "a string" "not a string"))
      :int (when-not (int? v) (bad! ctx path v "an integer" "not an integer"))
      :nat-int (when-not (nat-int? v) (bad! ctx path v "a non-negative integer" "not a non-negative integer"))
      :instant (when-not (or (string? v) (nat-int? v) (inst? v)) (bad! ctx path v (type-doc :instant) "not a time"))
      :enum nil)))

(defn- check-object [ctx path m]
  (let [k (kind m)
        {:keys [keys name-key]} (get-in @model [:objects k])
        required (filter #(get-in @model [:keys % :required]) keys)
        required (cond->> required
                   (= k :query) (remove #{:select})
                   (contains? m :union-all) (remove #{:select :from}))
        ctx (assoc ctx :kind k :direction (case k :sink :sink :lookup-table :lookup :source))]
    (when (contains? m :union-all)
      (when-let [own (seq (filter #(contains? m %) (concat [:select :from :where :window :group-by :having]
                                                           (map first (:join-kinds @model)))))]
        (bad! ctx (conj path (first own)) (get m (first own)) "a :union-all map without :select, :from, :where, ..."
              (str "a :union-all map has no " (first own) " of its own")
              "make the union the :from of a query: {:select ... :from {:union-all [...]}}")))
    (check-keys ctx path m keys required (str "a " (name k) " map"))
    (doseq [[key v] m :when (ours? key)]
      (check-value ctx (conj path key) (get-in @model [:keys key :type]) v))
    (when (and (#{:stream :view :query} k) (:having m) (not (:group-by m)) (not (expr/contains-aggregate? (:select m))))
      (bad! ctx (conj path :having) (:having m) ":having with :group-by or aggregates in :select"
            ":having filters groups, but this query has none"))
    (let [asof-options (distinct (for [jk asof-kinds
                                       [_ c] (when (vector? (get m jk)) (partition 2 (get m jk)))
                                       :when (and (map? c) (or (:mode c) (:tolerance c)))]
                                   (select-keys c [:mode :tolerance])))]
      (when (< 1 (count asof-options))
        (bad! ctx path (vec asof-options) "one :mode/:tolerance for every ASOF join of a query"
              "the ASOF joins of one query share their :mode and :tolerance (one ASOF_MATCH hint per SELECT)"
              "put the other ASOF join in a subquery (:from)")))
    (when (and (:window m) (= :session (keyword (name (get-in m [:window :window/type])))) (:group-by m)
               (get-in m [:window :window/key])
               (not (some #{(get-in m [:window :window/key])} (:group-by m))))
      (bad! ctx (conj path :group-by) (:group-by m)
            (str "a :group-by that includes the session key " (get-in m [:window :window/key]))
            "sessions are kept per :window/key, so group by it"))
    m))

;; ------------------------------------------------------------------ public API

(def ^:dynamic *resolve-function*
  "How a function reference (symbol or aggregate map) in an expression is checked: resolved and registered."
  function/check-ref)

(defn validate
  "Returns `m` when it is a valid Laminar map, else throws ex-info naming the bad key (see laminar.error).

  Options: none. Example:

      (validate {:stream/name :s :from :bids :select [:*] :emit :sometimes})
      ;; throws: LDB-6003: unknown emit mode :sometimes at [:emit]; got :sometimes;
      ;;         expected :on-window-close, :final, :changes or {:every <duration>}"
  [m]
  (let [ctx {:input m}]
    (binding [expr/*context* {:input m :units (:units @model) :column-type? column-type?
                              :resolve-function *resolve-function*
                              :over-keys (get-in @model [:nested :over :keys])}]
      (when-not (map? m)
        (err/fail! :unknown-map {:laminar/message "a Laminar definition is a map"
                                 :laminar/value m :laminar/expected "a source, stream, view, sink, table or query map"}))
      (if (kind m)
        (check-object ctx [] m)
        (let [guess (guess-kind m)
              name-key (some-> guess (#(get-in @model [:objects % :name-key])))]
          (err/fail! (if guess :missing-key :unknown-map)
                     (cond-> {:laminar/message  (if guess (str "a " (name guess) " map needs " name-key)
                                                    "not a Laminar map: no name key (:source/name, :stream/name, ...) and no :select/:from")
                              :laminar/expected (if guess (str name-key " " (pr-str (get-in @model [:keys name-key :example])))
                                                    "a map with :source/name, :stream/name, :view/name, :sink/name, :table/name, or :select/:from")
                              :laminar/input    m}
                       guess (assoc :laminar/path [name-key])
                       (and guess (err/did-you-mean name-key (keys m)))
                       (assoc :laminar/hint (str "did you mean " name-key " instead of "
                                                 (err/did-you-mean name-key (keys m)) "?")))))))))

(defn validator
  "A validate function for repeated use (the model is read once): `((validator) m)` is `(validate m)`."
  []
  @model
  validate)

(defn explain-data
  "nil when `m` is valid, else the error data [[validate]] would throw."
  [m]
  (try (validate m) nil
       (catch clojure.lang.ExceptionInfo e (ex-data e))))

(defn reference-markdown
  "The key reference as Markdown tables, generated from the model (docs/clojure.md embeds it)."
  []
  (binding [*print-namespace-maps* false]   ; the same text at the REPL and in the test runner
  (let [{:keys [objects keys connectors]} @model
        row (fn [k {:keys [doc type default example required choices]}]
              (str "| `" k "` | " (name (or type :enum)) (when choices (str " " (pr-str choices)))
                   " | " (if required "required" (if (some? default) (str "`" (pr-str default) "`") "—"))
                   " | " (str/replace doc "|" "\\|") " | `" (pr-str example) "` |"))
        table (fn [pairs] (str "| key | type | default | doc | example |\n|---|---|---|---|---|\n"
                               (str/join "\n" (map (fn [[k v]] (row k v)) pairs))))]
    (str/join
     "\n\n"
     (concat
      (for [[kind {:keys [doc] ks :keys}] objects]
        (str "### " (name kind) "\n\n" doc "\n\n" (table (map (fn [k] [k (keys k)]) ks))))
      (for [[nested title] [[:window "window"] [:watermark "watermark"]
                            [:join "join options (the condition of a :join or :left-join as a map)"]
                            [:asof-join "ASOF join options (the second of each :asof-join / :left-asof-join pair)"]
                            [:over "OVER window (the map of [:over call {...}])"]]]
        (str "### " title "\n\n" (table (map (fn [k] [k (keys k)]) (get-in @model [:nested nested :keys])))))
      (for [[c {:keys [doc options sql lookup-options]}] connectors]
        (str "### connector " c " (`" sql "`)\n\n" doc
             (when (seq options) (str "\n\n" (table options)))
             (when (seq lookup-options) (str "\n\nAs a lookup table:\n\n" (table lookup-options)))))
      [(str "### lookup-table connector options\n\nEvery :lookup-table/connector also takes these cache options.\n\n"
            (table (:lookup-cache @model)))])))))
