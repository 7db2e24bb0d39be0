(ns laminar.function-test
  "User functions referenced by symbol: resolved when the map compiles, callable from SQL, compiled into kernels."
  (:require [clojure.string :as str]
            [clojure.test :refer [deftest is testing]]
            [laminar.core :as l]
            [laminar.function :as function])
  (:import (io.laminar.function FunctionRegistry)
           (io.laminar.data ColumnType)
           (java.io Closeable)
           (java.time Instant)))

(set! *warn-on-reflection* true)

(defn ft-score ^double [^long price ^double weight] (* price weight))
(defn ft-tag ^String [^String channel] (str "#" channel))
(defn ^{:laminar/name "ft_next_second"} next-second ^Instant [^Instant t] (.plusSeconds t 1))
(defn ft-boom ^long [^long x] (if (= x 13) (throw (ex-info "unlucky" {})) x))
(defn ft-untyped [x] x)

(defn ft-sum-init [] 0)
(defn ft-sum-step [acc ^long v] (+ acc (* v v)))
(defn ft-sum-merge [a b] (+ a b))
(defn ft-sum-result ^long [acc] acc)
(def ft-sum-squares {:init `ft-sum-init :step `ft-sum-step :merge `ft-sum-merge :result `ft-sum-result})

(defn- source [db]
  (l/create! db {:source/name :bids :source/columns [[:auction :bigint] [:price :bigint] [:channel :varchar]
                                                    [:ts :timestamp]]
                 :source/watermark {:column :ts :delay [30 :seconds]}}))

(defn- rows-of [db stream f]
  (let [out (atom [])]
    (l/subscribe db stream #(swap! out into %))
    (f)
    (l/await-idle db)
    @out))

(deftest scalar-functions-from-maps-and-sql
  (with-open [db ^Closeable (l/open {:cores 1})]
    (source db)
    (l/create! db {:stream/name :scored :from :bids
                   :select {:a :auction :s [`ft-score :price 0.5] :c [`ft-tag :channel] :t1 [`next-second :ts]}})
    (testing "the rendered SQL calls the function by its SQL name"
      (is (str/includes? (l/->sql {:select {:s [`ft-score :price 0.5]} :from :bids}) "ft_score(price, 0.5)")))
    (l/create! db "CREATE STREAM via_sql AS SELECT ft_score(price, 2) AS s2 FROM bids WHERE ft_tag(channel) = '#web'")
    (let [t0 (Instant/parse "2026-01-01T00:00:00Z")
          scored (atom []) via-sql (atom [])]
      (l/subscribe db :scored #(swap! scored into %))
      (l/subscribe db :via-sql #(swap! via-sql into %))
      (l/insert! db :bids [{:auction 1 :price 10 :channel "web" :ts t0} {:auction 2 :price 20 :ts t0}])
      (l/await-idle db)
      (is (= [{:a 1 :s 5.0 :c "#web" :t1 (.plusSeconds t0 1)} {:a 2 :s 10.0 :c nil :t1 (.plusSeconds t0 1)}] @scored)
          "NULL arguments give NULL without calling the function")
      (is (= [{:s2 20.0}] @via-sql)))
    (testing "the kernel is compiled, not interpreted"
      (is (= :compiled (-> (l/explain db {:select {:s [`ft-score :price 0.5]} :from :bids}) :operators first :kernel))))))

(deftest aggregate-functions
  (with-open [db ^Closeable (l/open {:cores 1})]
    (source db)
    (l/create! db {:view/name :squares :from :bids :group-by [:auction]
                   :select {:auction :auction :sq [`ft-sum-squares :price]}})
    (l/create! db {:stream/name :per-window :from :bids
                   :window {:window/type :session :window/time :ts :window/gap [10 :seconds]}
                   :select {:sq [`ft-sum-squares :price] :n [:count :*]}})
    (let [rows (rows-of db :per-window
                        #(do (l/insert! db :bids [{:auction 1 :price 3 :ts #inst "2026-01-01T00:00:00Z"}
                                                  {:auction 1 :price 4 :ts #inst "2026-01-01T00:00:15Z"}
                                                  ;; within the 30 s delay: bridges the two sessions above
                                                  {:auction 2 :price 2 :ts #inst "2026-01-01T00:00:08Z"}
                                                  {:auction 1 :price nil :ts #inst "2026-01-01T00:00:09Z"}])
                             (l/finish! db :bids)))]
      (is (= [{:sq 29 :n 4}] rows) "merged sessions merge their accumulators; NULL inputs are skipped")
      (is (= #{{:auction 1 :sq 25} {:auction 2 :sq 4}} (set (l/query db {:select [:*] :from :squares})))))))

(deftest errors-name-the-function
  (testing "an unknown symbol"
    (let [e (try (l/->sql {:select {:s ['no.such/fn :price]} :from :bids}) nil (catch Exception e (ex-data e)))]
      (is (= "LDB-6101" (:laminar/code e)))
      (is (= [:select :s] (:laminar/path e)))))
  (testing "a function without type hints"
    (let [e (try (l/->sql {:select {:s [`ft-untyped :price]} :from :bids}) nil (catch Exception e (ex-data e)))]
      (is (= "LDB-6103" (:laminar/code e)))
      (is (str/includes? (:laminar/hint e) "type hint"))))
  (testing "a function that throws fails the row with the function's name"
    (with-open [db ^Closeable (l/open {:cores 1})]
      (source db)
      (let [e (try (l/query db {:select {:x [`ft-boom 13]} :from {:select [:auction] :from :bids}}) nil
                   (catch Exception e e))
            direct (try (io.laminar.function.Calls/invoke1 13 (.slot (FunctionRegistry/scalar "ft_boom"))) nil
                        (catch Exception e e))]
        (is (some? (or e direct)))
        (is (= "LDB-6104" (:laminar/code (ex-data direct))))
        (is (str/includes? (ex-message direct) "ft_boom"))))))

(deftest registry-is-usable-from-java-and-guards-names
  (let [^java.util.List params [ColumnType/BIGINT]
        ^io.laminar.function.FunctionRegistry$Fn twice (reify io.laminar.function.FunctionRegistry$Fn
                                                        (apply [_ args] (* 2 (long (aget ^objects args 0)))))]
    (FunctionRegistry/registerScalar "ft_java_twice" ColumnType/BIGINT params twice))
  (with-open [db ^Closeable (l/open {:cores 1})]
    (source db)
    (l/create! db "CREATE STREAM twice AS SELECT ft_java_twice(price) AS p FROM bids")
    (is (= [{:p 42}] (rows-of db :twice #(l/insert! db :bids {:price 21 :ts #inst "2026-01-01"})))))
  (testing "a different signature under a taken name is a conflict"
    (is (thrown-with-msg? io.laminar.LaminarException #"LDB-6102"
                          (let [^java.util.List params [ColumnType/DOUBLE]
                                ^io.laminar.function.FunctionRegistry$Fn one (reify io.laminar.function.FunctionRegistry$Fn
                                                                              (apply [_ _] 1.0))]
                            (FunctionRegistry/registerScalar "ft_java_twice" ColumnType/DOUBLE params one)))))
  (is (= "ft_score(BIGINT, DOUBLE) -> DOUBLE" (get (function/registered) "ft_score")))
  (is (= "ft_score" (l/register-function! `ft-score))))

(defn ^{:laminar/columns [[:word :varchar] [:word-length :bigint]]} ft-words
  "A table function: the words of a text, as maps."
  [^String s]
  (for [w (str/split (str/trim s) #"\s+") :when (seq w)] {:word w :word-length (count w)}))

(defn ^{:laminar/columns [[:n :bigint]]} ft-upto [^long n] (map vector (range 1 (inc n))))

(deftest table-functions-expand-rows-in-sql
  (is (= "ft_words" (function/register! `ft-words)))
  (is (= "ft_words(VARCHAR) -> (word VARCHAR, word_length BIGINT) [table]" (get (function/registered) "ft_words")))
  (function/register! `ft-upto)
  (with-open [db ^Closeable (l/open {:cores 2})]
    (source db)
    (l/create! db (str "CREATE STREAM words AS SELECT b.auction, t.word, t.word_length FROM bids AS b "
                       "CROSS JOIN LATERAL TABLE(ft_words(b.channel)) AS t(word, word_length)"))
    (l/create! db (str "CREATE STREAM upto AS SELECT b.auction, t.n FROM bids AS b "
                       "LEFT JOIN LATERAL TABLE(ft_upto(b.price)) AS t(n) ON TRUE"))
    (let [words (atom []) upto (atom [])]
      (l/subscribe db :words #(swap! words into %))
      (l/subscribe db :upto #(swap! upto into %))
      (l/insert! db :bids [{:auction 1 :price 2 :channel "web  app" :ts #inst "2026-01-01T00:00:00Z"}
                           {:auction 2 :price 0 :channel nil :ts #inst "2026-01-01T00:00:01Z"}])
      (l/await-idle db)
      (is (= #{{:auction 1 :word "web" :word-length 3} {:auction 1 :word "app" :word-length 3}} (set @words))
          "a NULL argument expands to nothing")
      (is (= #{{:auction 1 :n 1} {:auction 1 :n 2} {:auction 2 :n nil}} (set @upto))
          "LEFT JOIN LATERAL keeps a row the function expands to nothing"))))

(defn ^{:laminar/columns [:word]} ft-bad-columns [^String s] [s])

(deftest table-function-signature-errors
  (let [e (try (function/register! `ft-bad-columns) nil (catch Exception e (ex-data e)))]
    (is (= "LDB-6103" (:laminar/code e)))
    (is (str/includes? (:laminar/message e) ":laminar/columns must be a non-empty vector"))))
