(ns laminar.nippy
  "The optional :nippy format: files of Clojure row maps, frozen with Nippy in length-prefixed batches.

  Nippy is loaded on first use (Debian's libnippy-clojure, or com.taoensso/nippy from Clojars); without it every
  function here fails with LDB-6201, and nothing else in Laminar needs it.

  File layout: a sequence of records, each a 4-byte big-endian length followed by that many bytes of
  `(nippy/freeze rows)`, where rows is a vector of row maps (one delivered batch)."
  (:require [clojure.java.io :as io]
            [laminar.error :as err])
  (:import (java.io DataInputStream DataOutputStream EOFException)))

(set! *warn-on-reflection* true)

(defn- nippy-fn
  "taoensso.nippy/<name>, or LDB-6201 when Nippy is not on the classpath."
  [sym]
  (or (try (requiring-resolve sym) (catch Exception _ nil))
      (err/fail! :format-unavailable
                 {:laminar/message  "the :nippy format needs Nippy on the classpath"
                  :laminar/value    sym
                  :laminar/expected "com.taoensso/nippy (Clojars) or Debian's libnippy-clojure (/usr/share/java/nippy.jar)"})))

(defn available?
  "True when Nippy can be loaded."
  []
  (boolean (try (requiring-resolve 'taoensso.nippy/freeze) (catch Exception _ nil))))

(defn file-writer
  "Opens `path` for writing batches; returns `{:write (fn [rows]) :close (fn [])}`. Thread-safe."
  [path]
  (let [freeze (nippy-fn 'taoensso.nippy/freeze)
        out (DataOutputStream. (io/output-stream (io/file path)))
        lock (Object.)]
    {:write (fn [rows]
              (let [^bytes b (freeze (vec rows))]
                (locking lock
                  (.writeInt out (alength b))
                  (.write out b)
                  (.flush out))))
     :close (fn [] (locking lock (.close out)))}))

(defn read-file
  "Every row of a :nippy file, in order."
  [path]
  (let [thaw (nippy-fn 'taoensso.nippy/thaw)]
    (with-open [in (DataInputStream. (io/input-stream (io/file path)))]
      (loop [rows (transient [])]
        (let [n (try (.readInt in) (catch EOFException _ -1))]
          (if (neg? n)
            (persistent! rows)
            (let [b (byte-array n)]
              (.readFully in b)
              (recur (reduce conj! rows (thaw b))))))))))

(defn files?
  "True for a connector map that reads or writes :nippy files."
  [connector]
  (and (map? connector)
       (= :files (keyword (name (:connector connector))))
       (= :nippy (keyword (name (or (:format connector) :none))))))
