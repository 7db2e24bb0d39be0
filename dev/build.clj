(ns build
  "deps.edn prep step: compiles the Java core with Maven (the build of record).")

(defn prep [_]
  (let [p (.start (.inheritIO (ProcessBuilder. ["mvn" "-q" "-DskipTests" "compile"])))]
    (when-not (zero? (.waitFor p))
      (throw (ex-info "mvn compile failed" {})))))
