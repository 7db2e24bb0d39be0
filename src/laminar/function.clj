(ns laminar.function
  "User-defined functions (in progress).")
(defn registered [] [])
