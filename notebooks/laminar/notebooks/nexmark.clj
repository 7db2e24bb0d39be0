;; # Exploring Nexmark
;;
;; Nexmark is the standard streaming benchmark: an online auction with people, auctions and bids. Laminar's
;; GENERATOR connector produces the same deterministic event stream, so we can explore it without any files.
(ns laminar.notebooks.nexmark
  (:require [laminar.core :as l]))

(def db (l/open {:cores 1}))

;; ## A bounded stream of bids
;;
;; `:events` is the length of the whole Nexmark stream (persons, auctions and bids together; 92% are bids).
(def bid-source
  {:source/name      :bid
   :source/columns   [[:auction :bigint] [:bidder :bigint] [:price :bigint] [:channel :varchar]
                      [:dateTime :timestamp]]
   :source/watermark {:column :dateTime :delay [4 :seconds]}
   :source/connector {:connector :generator :kind :nexmark :table :bid :events 20000 :event-rate 1000}})

;; ## Query 1: prices in euros (a projection)
(def q1 {:stream/name :q1 :from :bid
         :select {:auction :auction :bidder :bidder :euros [:* 0.908 :price] :dateTime :dateTime}})

;; ## Query 5 in spirit: the hottest auctions per hopping window
(def hot
  {:stream/name :hot-auctions
   :from        bid-source        ; a map as :from: create! declares the source first
   :window      {:window/type :hop :window/time :dateTime :window/slide [2 :seconds] :window/size [10 :seconds]}
   :group-by    [:auction]
   :select      {:auction :auction :window-end :window-end :bids [:count :*]}
   :having      [:>= [:count :*] 5]})

;; ## Channels: a materialized view we can query at any time
(def by-channel
  {:view/name :by-channel :from :bid :group-by [:channel]
   :select {:channel :channel :bids [:count :*] :avg-price [:avg :price] :top [:max :price]}})

(def q1-rows (atom 0))
(def hot-rows (atom []))

;; One create! for all three: the generator starts once every query over it exists, so none misses a bid.
(l/create! db [hot q1 by-channel])
(l/subscribe db :q1 #(swap! q1-rows + (count %)))
(l/subscribe db :hot-auctions #(swap! hot-rows into %))

;; Wait until the generator has produced all its events and the results are in:
(l/await-sources db)

;; How many bids went through the projection:
@q1-rows

;; The busiest auction windows:
(def busiest (take 5 (sort-by (comp - :bids) @hot-rows)))

;; Channels, from the view:
(def channels (l/query db {:select [:channel :bids :top] :from :by-channel :order-by [[:bids :desc]]}))

(l/close db)
