;; # Windows and watermarks, with small data
;;
;; Event time is the time written in the row; arrival order is not. A **watermark** is the engine's promise that no
;; row older than it is still to come: the largest event time seen so far minus the allowed delay. A window's
;; result is final when the watermark passes its end.
(ns laminar.notebooks.windows
  (:require [laminar.core :as l]))

(def db (l/open {:cores 1}))

;; Readings from sensors, allowed to arrive up to 1 second out of order.
(l/create! db {:source/name      :readings
               :source/columns   [[:sensor :bigint] [:celsius :double] [:ts :timestamp]]
               :source/watermark {:column :ts :delay [1 :seconds]}})

(defn at [s] (java.time.Instant/parse (str "2026-01-01T00:00:" s "Z")))

;; ## Three windows over the same rows
;;
;; Tumbling windows do not overlap; hopping windows overlap (a row counts in size/slide windows); session windows
;; close after a gap without rows.
(def window-shapes
  {:tumble  {:window/type :tumble  :window/time :ts :window/size [4 :seconds]}
   :hop     {:window/type :hop     :window/time :ts :window/slide [2 :seconds] :window/size [4 :seconds]}
   :session {:window/type :session :window/time :ts :window/gap [3 :seconds]}})

(defn per-window [kind]
  {:stream/name (keyword (str "avg-" (name kind)))
   :from        :readings
   :window      (window-shapes kind)
   :select      {:window-start :window-start :window-end :window-end
                 :n [:count :*] :avg [:avg :celsius]}})

(def outputs
  (into {} (for [kind (keys window-shapes)]
             (let [out (atom [])]
               (l/create! db (per-window kind))
               (l/subscribe db (:stream/name (per-window kind)) #(swap! out into %))
               [kind out]))))

;; ## Rows arrive; watch the watermark
(l/insert! db :readings [{:sensor 1 :celsius 20.0 :ts (at "01")}
                         {:sensor 1 :celsius 22.0 :ts (at "03")}
                         {:sensor 2 :celsius 30.0 :ts (at "02")}])   ; out of order, but within the 1 s delay

;; The watermark is now 03 - 1 s = 02. Only the hopping window [-2 s, 2 s) has ended, so it alone is emitted;
;; the tumbling window [0 s, 4 s) and the session wait.
(l/await-idle db)
(def before-watermark (into {} (for [[k out] outputs] [k (count @out)])))

;; Pushing the watermark to 00:00:05 closes the tumbling window [00, 04) and the hopping windows ending at 02
;; and 04.
(l/watermark! db :readings (at "05"))
(l/await-idle db)
(def after-watermark (into {} (for [[k out] outputs] [k (mapv #(select-keys % [:window-end :n]) @out)])))

;; ## Late rows
;;
;; A row older than the watermark is late: it is dropped at the source and counted.
(l/insert! db :readings {:sensor 3 :celsius 99.0 :ts (at "01")})
(l/await-idle db)
(def late-dropped (get-in (l/metrics db) [:readings :late-rows-dropped]))

;; ## The end of input closes everything else
(l/finish! db :readings)

(def final-results (into {} (for [[k out] outputs] [k (mapv #(select-keys % [:window-start :window-end :n :avg]) @out)])))

(l/close db)
