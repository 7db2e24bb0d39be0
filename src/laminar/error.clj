(ns laminar.error
  "Errors as data first, prose second.

  Every error Laminar raises in Clojure is an `ex-info` (or a Java `io.laminar.LaminarException`, which implements
  `IExceptionInfo`) whose data holds:

  | key                 | meaning                                                        |
  |---------------------|----------------------------------------------------------------|
  | `:laminar/code`     | a stable code, `\"LDB-6001\"`, from `io.laminar.ErrorCode`     |
  | `:laminar/category` | `:incorrect` `:not-found` `:conflict` `:unsupported` ...        |
  | `:laminar/path`     | the path into the offending map, `[:window :window/sise]`     |
  | `:laminar/value`    | the offending value                                            |
  | `:laminar/expected` | what would have been accepted                                  |
  | `:laminar/hint`     | a suggestion (\"did you mean\"), when there is one             |
  | `:laminar/input`    | the whole map that was being checked                           |

  [[explain]] renders that data for a person, marking the bad key in the map."
  (:require [clojure.pprint :as pp]
            [clojure.string :as str])
  (:import (io.laminar ErrorCode LaminarException)
           (io.laminar.connector Options)))

(set! *warn-on-reflection* true)

(def ^:private error-codes
  "Our error keywords -> the Java catalog entry (so the code and category cannot drift from Java's)."
  {:unknown-key        ErrorCode/DSL_UNKNOWN_KEY
   :missing-key        ErrorCode/DSL_MISSING_KEY
   :bad-value          ErrorCode/DSL_BAD_VALUE
   :unknown-map        ErrorCode/DSL_UNKNOWN_MAP
   :function-not-found ErrorCode/FUNCTION_NOT_FOUND
   :function-conflict  ErrorCode/FUNCTION_CONFLICT
   :function-signature ErrorCode/FUNCTION_SIGNATURE
   :format-unavailable ErrorCode/FORMAT_UNAVAILABLE
   :not-found          ErrorCode/OBJECT_NOT_FOUND
   :unknown-column     ErrorCode/UNKNOWN_COLUMN})

(defn code
  "The stable code of an error keyword: `(code :unknown-key)` ;=> \"LDB-6001\"."
  [error]
  (.code ^ErrorCode (error-codes error)))

(defn- category [error]
  (-> ^ErrorCode (error-codes error) .category .name str/lower-case (str/replace \_ \-) keyword))

(defn did-you-mean
  "The candidate nearest to `x` by edit distance when it is close enough to be a typo, else nil.
  Works on keywords (compared with their namespace) and strings.

      (did-you-mean :window/sise [:window/size :window/slide]) ;=> :window/size"
  [x candidates]
  (let [text  (fn [k] (if (keyword? k) (subs (str k) 1) (str k)))
        by    (into {} (map (juxt text identity)) candidates)
        found (Options/closest (text x) ^Iterable (keys by))]
    (when found (by found))))

(defn- one-line [data]
  (let [{:laminar/keys [path value expected hint message]} data]
    (str message
         (when (seq path) (str " at " (pr-str path)))
         (when (contains? data :laminar/value) (str "; got " (pr-str value)))
         (when expected (str "; expected " expected))
         (when hint (str "; " hint)))))

(defn error-data
  "The data of a DSL error: `error` is a keyword (:unknown-key, :missing-key, :bad-value, ...), `m` holds
  :laminar/path, :laminar/value, :laminar/expected, :laminar/hint, :laminar/message (and anything else)."
  [error m]
  (merge {:laminar/code     (code error)
          :laminar/category (category error)
          :laminar/error    error}
         m))

(defn fail!
  "Throws an ex-info for `error` (see [[error-data]]) whose message is a one-line rendering."
  [error m]
  (let [data (error-data error m)]
    (throw (ex-info (str (:laminar/code data) ": " (one-line data)) data))))

(defn- mark-key
  "Pretty-prints `container` and marks the line that holds `k`."
  [container k note]
  (let [text  (binding [*print-namespace-maps* false] (with-out-str (pp/pprint container)))
        lines (str/split-lines text)
        needle (pr-str k)
        idx   (first (keep-indexed (fn [i ^String l] (when (str/includes? l needle) i)) lines))]
    (if idx
      (str/join "\n" (map-indexed (fn [i l] (if (= i idx) (str l "   <-- " note) l)) lines))
      (str/trimr text))))

(defn explain
  "Renders an error for a person: the message, where it is, what was expected, a suggestion, and the map with the
  bad key marked. Accepts an exception (ours, a LaminarException, any ex-info) or its ex-data.

      (try (laminar.core/->sql {:stream/name :s :from :bids :select [:*]
                                :window {:window/type :tumble :window/time :ts :window/sise [10 :seconds]}})
           (catch Exception e (println (explain e))))
      ;; prints:
      ;; LDB-6001 (incorrect): unknown key :window/sise in a :window map
      ;;   at:       [:window :window/sise]
      ;;   value:    [10 :seconds]
      ;;   expected: one of :window/type, :window/time, :window/size, ...
      ;;   hint:     did you mean :window/size?
      ;;
      ;;   {:window/type :tumble,
      ;;    :window/time :ts,
      ;;    :window/sise [10 :seconds]}   <-- did you mean :window/size?"
  [e-or-data]
  (let [data    (if (map? e-or-data) e-or-data (ex-data e-or-data))
        message (or (:laminar/message data)
                    (when (instance? Throwable e-or-data)
                      (let [m (str (ex-message e-or-data))]
                        ;; LaminarException messages start with their code already
                        (str/replace m #"^LDB-\d+: " "")))
                    "error")]
    (if-not data
      (str message)
      (let [{:laminar/keys [code category path value expected hint input]} data
            container (when (and input (seq path)) (get-in input (butlast path)))
            bad-key   (last path)]
        (str/join
         "\n"
         (cond-> [(str code (when category (str " (" (name category) ")")) ": " message)]
           (seq path)                       (conj (str "  at:       " (pr-str path)))
           (contains? data :laminar/value)  (conj (str "  value:    " (pr-str value)))
           expected                         (conj (str "  expected: " expected))
           hint                             (conj (str "  hint:     " hint))
           (map? container)                 (conj "" (str/join "\n" (map #(str "  " %)
                                                                         (str/split-lines
                                                                          (mark-key container bad-key
                                                                                    (or hint "here"))))))))))))

(defn laminar-exception?
  "True for errors raised by the Java core."
  [e]
  (instance? LaminarException e))
