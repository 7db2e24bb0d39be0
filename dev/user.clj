(ns user
  "REPL helpers for working on (or with) Laminar. Loaded automatically when dev/ is on the classpath
  (`clojure -M:dev`, `lein repl`).

  | fn               | does                                                        |
  |------------------|-------------------------------------------------------------|
  | `(db)`           | the REPL's database (in memory, 1 core), opened on first use |
  | `(reset-db!)`    | closes it and starts afresh                                 |
  | `(sql m)`        | prints the SQL a map means                                  |
  | `(plan m)`       | pretty-prints the plan of a map or SQL text                 |
  | `(why)`          | explains the last exception (*e) for a person               |
  | `(key-doc k)`    | the information-model entry of a DSL key                    |
  | `(watch stream)` | sends every row of a stream to tap> (open a tap viewer)     |"
  (:require [clojure.pprint :refer [pprint]]
            [laminar.core :as l]
            [laminar.error :as err]
            [laminar.spec :as spec]))

(defonce ^:private current (atom nil))

(defn db
  "The REPL's database, opened on first use."
  []
  (or @current (reset! current (l/open {:cores 1}))))

(defn reset-db!
  "Closes the REPL's database; the next (db) opens a fresh one."
  []
  (when-let [d @current] (l/close d))
  (reset! current nil))

(defn sql
  "Prints the SQL statement a map means."
  [m]
  (println (l/->sql m)))

(defn plan
  "Pretty-prints the plan of a map or SQL text in the REPL's database."
  [x]
  (pprint (l/explain (db) x)))

(defn why
  "Explains the last exception (or `e`) for a person: code, path, expected shape, did-you-mean."
  ([] (why *e))
  ([e] (println (err/explain e))))

(defn key-doc
  "The information-model entry of a DSL key: `(key-doc :window/slide)`."
  [k]
  (spec/describe-key k))

(defn watch
  "Sends every row `stream` produces to tap>; returns the subscription (close it to stop)."
  [stream]
  (l/subscribe (db) stream #(run! tap> %)))
