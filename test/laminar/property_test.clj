(ns laminar.property-test
  "Generated pipelines: random maps over windows x aggregates x filters x emit modes, fed random rows.

  For each one: the map and its SQL text give equal plans; both paths (create! with the map, create! with the
  SQL text) deliver identical rows; and the result, once the changelog is collapsed, equals a brute-force
  reference computed here in plain Clojure from the rows that were not late."
  (:require [clojure.test :refer [deftest is]]
            [clojure.test.check :as tc]
            [clojure.test.check.generators :as gen]
            [clojure.test.check.properties :as prop]
            [laminar.core :as l])
  (:import (java.io Closeable)
           (java.time Instant)))

(set! *warn-on-reflection* true)

(def ^:private base-ms 1767225600000) ; 2026-01-01T00:00:00Z
(def ^:private delay-ms 2000)

;; ------------------------------------------------------------------ generators

(def gen-window
  (gen/one-of
   [(gen/let [size (gen/elements [2 3 5]) offset (gen/elements [nil 0 1])]
      (cond-> {:window/type :tumble :window/time :ts :window/size [size :seconds]}
        (and offset (< offset size)) (assoc :window/offset [offset :seconds])))
    (gen/let [slide (gen/elements [1 2]) mult (gen/elements [2 3])]
      {:window/type :hop :window/time :ts :window/slide [slide :seconds] :window/size [(* slide mult) :seconds]})
    (gen/let [step (gen/elements [1 2]) mult (gen/elements [2 3])]
      {:window/type :cumulate :window/time :ts :window/step [step :seconds] :window/size [(* step mult) :seconds]})
    (gen/let [gap (gen/elements [1 2 3])]
      {:window/type :session :window/time :ts :window/gap [gap :seconds]})]))

(def gen-condition
  (gen/one-of [(gen/fmap (fn [x] [:> :v x]) (gen/choose 0 15))
               (gen/fmap (fn [[a b]] [:and [:>= :v a] [:<> :k b]]) (gen/tuple (gen/choose 0 10) (gen/choose 0 2)))
               (gen/fmap (fn [xs] [:in :v (vec xs)]) (gen/vector (gen/choose 0 20) 1 4))]))

(def gen-aggregates
  (gen/let [picked (gen/not-empty (gen/set (gen/elements [:n :s :lo :hi :d])))
            filtered (gen/elements [nil :n :s :lo :hi])
            cond gen-condition]
    (into {} (for [a picked]
               (let [call (case a :n [:count :*] :s [:sum :v] :lo [:min :v] :hi [:max :v] :d [:count-distinct :v])]
                 [a (if (and (= a filtered) (not= a :d)) [:filter call cond] call)])))))

(def gen-map
  (gen/let [window gen-window
            aggs gen-aggregates
            where (gen/one-of [(gen/return nil) gen-condition])
            grouped gen/boolean
            emit (gen/elements [nil :on-window-close :final :changes {:every [1 :seconds]}])]
    (let [window (if (and grouped (= :session (:window/type window))) (assoc window :window/key :k) window)
          ;; the engine has no EMIT EVERY for sessions yet (it says so, LDB-1003)
          emit (if (and (map? emit) (= :session (:window/type window))) :changes emit)]
      (cond-> {:stream/name :via-map
               :from :events
               :window window
               :select (merge (when grouped {:k :k}) {:window-start :window-start :window-end :window-end} aggs)}
        grouped (assoc :group-by [:k])
        where (assoc :where where)
        emit (assoc :emit emit)))))

(def gen-rows
  ;; times wander forward with some disorder, so a few rows arrive late (behind the watermark) and are dropped
  (gen/let [steps (gen/vector (gen/tuple (gen/choose -3000 2500) (gen/choose 0 2) (gen/choose 0 20)) 1 40)]
    (loop [[[dt k v] & more] steps t nil out []]
      (if (nil? dt)
        out
        (let [t (max 0 (+ (or t 0) dt))]
          (recur more (if (neg? dt) (- t dt) t) (conj out {:k k :v v :ts (+ base-ms t)})))))))

;; ------------------------------------------------------------------ the reference

(defn- on-time
  "The rows a source with bounded out-of-orderness `delay-ms` keeps: not behind the watermark when they arrive."
  [rows]
  (loop [[r & more] rows max-ts nil out []]
    (if (nil? r)
      out
      (let [late (and max-ts (< (:ts r) (- max-ts delay-ms)))]
        (recur more (if max-ts (max max-ts (:ts r)) (:ts r)) (if late out (conj out r)))))))

(defn- ms [[n _]] (* n 1000))

(defn- windows-of
  "[start end) windows a timestamp falls in, for the non-session window types."
  [{:window/keys [type size slide step offset]} ts]
  (let [size (some-> size ms) off (if offset (ms offset) 0)
        floor-to (fn [x unit] (* unit (Math/floorDiv (long x) (long unit))))]
    (case type
      :tumble (let [s (+ off (floor-to (- ts off) size))] [[s (+ s size)]])
      :hop (let [slide (ms slide)
                 last-start (floor-to ts slide)]
             (for [s (range last-start (- ts size) (- slide)) :when (and (<= s ts) (< ts (+ s size)))] [s (+ s size)]))
      :cumulate (let [step (ms step) s (floor-to ts size)]
                  (for [e (range (+ s step) (+ s size 1) step) :when (< ts e)] [s e])))))

(defn- sessions
  "Session windows over rows (already one partition): gaps longer than `gap` split them."
  [gap rows]
  (let [sorted (sort-by :ts rows)]
    (reduce (fn [acc r]
              (let [[s e members] (peek acc)]
                (if (and s (< (:ts r) e))
                  (conj (pop acc) [s (max e (+ (:ts r) gap)) (conj members r)])
                  (conj acc [(:ts r) (+ (:ts r) gap) [r]]))))
            [] sorted)))

(defn- holds? [cond row]
  (let [val (fn [x] (if (keyword? x) (get row x) x))]
    (case (first cond)
      :> (> (val (nth cond 1)) (val (nth cond 2)))
      :>= (>= (val (nth cond 1)) (val (nth cond 2)))
      :<> (not= (val (nth cond 1)) (val (nth cond 2)))
      :and (every? #(holds? % row) (rest cond))
      :in (boolean (some #{(val (nth cond 1))} (nth cond 2))))))

(defn- aggregate [call rows]
  (let [[op a b] call]
    (if (= op :filter)
      (aggregate a (filter #(holds? b %) rows))
      (let [vs (map :v rows)]
        (case op
          :count (count rows)
          :count-distinct (count (set vs))
          :sum (when (seq vs) (reduce + vs))
          :min (when (seq vs) (reduce min vs))
          :max (when (seq vs) (reduce max vs)))))))

(defn reference
  "The final rows the map means, computed by brute force."
  [{:keys [window where select] grouping :group-by} rows]
  (let [rows (cond->> (on-time rows) where (filter #(holds? where %)))
        part (fn [r] (if grouping (:k r) ::all))
        aggs (dissoc select :k :window-start :window-end)
        groups (if (= :session (:window/type window))
                 (for [[p prs] (group-by part rows)
                       [s e members] (sessions (ms (:window/gap window)) prs)]
                   [[p s e] members])
                 (group-by (fn [[r [s e]]] [(part r) s e])
                           (for [r rows w (windows-of window (:ts r))] [r w])))]
    (set (for [[[p s e] members] groups
               :let [members (if (= :session (:window/type window)) members (map first members))]]
           (merge (when grouping {:k p})
                  {:window-start (Instant/ofEpochMilli s) :window-end (Instant/ofEpochMilli e)}
                  (into {} (for [[a call] aggs] [a (aggregate call members)])))))))

;; ------------------------------------------------------------------ running both paths

(defn- collapse
  "The final state a delivered changelog describes: later rows for a window replace earlier ones, retractions remove."
  [rows]
  (let [k (fn [r] [(:k r) (:window-start r) (:window-end r)])]
    (set (vals (reduce (fn [m r]
                         (case (:laminar/op r)
                           (:update-before :delete) (dissoc m (k r))
                           (assoc m (k r) (dissoc r :laminar/op))))
                       {} rows)))))

(defn- run-both [m rows]
  (with-open [db ^Closeable (l/open {:cores 1})]
    (l/create! db {:source/name :events :source/columns [[:k :bigint] [:v :bigint] [:ts :timestamp]]
                   :source/watermark {:column :ts :delay [delay-ms :ms]}})
    (let [sql (l/->sql (assoc m :stream/name :via-sql))
          by-map (atom []) by-sql (atom [])]
      (l/create! db m)
      (l/create! db sql)
      (l/subscribe db :via-map #(swap! by-map into %))
      (l/subscribe db :via-sql #(swap! by-sql into %))
      (l/insert! db :events (map #(update % :ts (fn [t] (Instant/ofEpochMilli t))) rows))
      (l/finish! db :events)
      {:plans-equal (= (l/explain db m) (l/explain db (l/->sql m)))
       :by-map @by-map :by-sql @by-sql})))

(def pipelines-agree
  (prop/for-all [m gen-map rows gen-rows]
    (let [{:keys [plans-equal by-map by-sql]} (run-both m rows)
          expected (reference m rows)]
      (and plans-equal
           (= (frequencies by-map) (frequencies by-sql))
           (= expected (collapse by-map))))))

(deftest generated-maps-plan-and-run-like-their-sql
  (let [result (tc/quick-check 40 pipelines-agree :seed 20260101 :max-size 40)]
    (is (:pass? result) (pr-str (select-keys result [:seed :fail :shrunk])))))

(deftest the-reference-is-not-trivially-true
  ;; a fixed case checked by hand, so the property cannot pass with a reference that agrees with anything
  (let [m {:stream/name :via-map :from :events
           :window {:window/type :tumble :window/time :ts :window/size [5 :seconds]}
           :group-by [:k] :select {:k :k :window-start :window-start :window-end :window-end :n [:count :*] :s [:sum :v]}}
        rows [{:k 1 :v 2 :ts base-ms} {:k 1 :v 3 :ts (+ base-ms 1000)} {:k 2 :v 5 :ts (+ base-ms 6000)}
              {:k 1 :v 9 :ts (+ base-ms 500)}]] ; 5.5 s behind the max: late, dropped
    (is (= #{{:k 1 :window-start (Instant/ofEpochMilli base-ms) :window-end (Instant/ofEpochMilli (+ base-ms 5000)) :n 2 :s 5}
             {:k 2 :window-start (Instant/ofEpochMilli (+ base-ms 5000)) :window-end (Instant/ofEpochMilli (+ base-ms 10000)) :n 1 :s 5}}
           (reference m rows)
           (collapse (:by-map (run-both m rows)))))))
