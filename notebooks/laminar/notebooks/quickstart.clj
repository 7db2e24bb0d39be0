;; # Laminar quickstart
;;
;; Laminar is a streaming SQL database that lives inside your process. From Clojure, everything you declare is
;; a plain map: sources, streams, windows. This notebook opens an in-memory database, declares a source of bids,
;; a windowed stream over it, pushes a few rows, and reads the results.
;;
;; (A Clerk notebook: `(nextjournal.clerk/show! "notebooks/laminar/notebooks/quickstart.clj")` with the `:clerk`
;; alias; it is also a plain namespace that `laminar.notebooks-test` loads and runs.)
(ns laminar.notebooks.quickstart
  (:require [laminar.core :as l]))

;; ## Open a database
;;
;; `(l/open)` gives an in-memory database; `{:cores 1}` keeps this notebook small.
(def db (l/open {:cores 1}))

;; ## Declare a source
;;
;; Columns are `[name type]` pairs. The watermark says which column is event time and how far out of order rows
;; may arrive.
(def bids
  {:source/name      :bids
   :source/columns   [[:auction :bigint] [:bidder :bigint] [:price :bigint] [:ts :timestamp]]
   :source/watermark {:column :ts :delay [2 :seconds]}})

(l/create! db bids)

;; ## A windowed stream
;;
;; Count bids over 100 per auction in 10-second tumbling windows. The map is data: you can `assoc` a different
;; window into it, `merge` in an emit mode, or store it in a file.
(def hot-items
  {:stream/name :hot-items
   :from        :bids
   :where       [:> :price 100]
   :window      {:window/type :tumble :window/time :ts :window/size [10 :seconds]}
   :group-by    [:auction]
   :select      {:auction :auction :window-end :window-end :bids [:count :*]}})

;; The SQL it means:
(def hot-items-sql (l/->sql hot-items))

(l/create! db hot-items)

;; ## Subscribe, then push rows
(def results (atom []))

(l/subscribe db :hot-items #(swap! results into %))

(l/insert! db :bids [{:auction 1 :bidder 7 :price 120 :ts #inst "2026-01-01T00:00:01Z"}
                     {:auction 1 :bidder 8 :price 150 :ts #inst "2026-01-01T00:00:04Z"}
                     {:auction 2 :bidder 7 :price 90  :ts #inst "2026-01-01T00:00:05Z"}
                     {:auction 2 :bidder 9 :price 300 :ts #inst "2026-01-01T00:00:12Z"}])

;; Ending the input fires the final watermark, which closes every open window:
(l/finish! db :bids)

@results

;; ## The plan, as data
;;
;; `explain` shows what the engine will run; the map and its SQL text give the same plan.
(def plan (l/explain db hot-items))

(= plan (l/explain db hot-items-sql))

;; ## Done
(l/close db)
