(ns laminar.docs-test
  "Every `clojure` block of docs/clojure.md and of the README's Clojure section runs, in order, and every `;=>`
  after a form must equal that form's real result; the key reference in the docs must equal the one generated from
  the information model."
  (:require [clojure.java.io :as io]
            [clojure.string :as str]
            [clojure.test :refer [deftest is testing]]
            [clojure.walk :as walk]
            [laminar.spec :as spec]))

(defn- project-file [rel]
  ;; tests run from the project root (Maven and the REPL alike)
  (io/file (System/getProperty "user.dir") rel))

(defn code-blocks
  "The bodies of ```clojure blocks of a Markdown text."
  [text]
  (map second (re-seq #"(?s)```clojure\n(.*?)```" text)))

(defn- steps
  "A block as [code expected-text-or-nil] steps: the code up to each `;=>` and the expected value after it
  (continuation lines start with `;` and indentation)."
  [block]
  (loop [[line & more :as lines] (str/split-lines block) code [] out []]
    (cond
      (empty? lines) (cond-> out (seq code) (conj [(str/join "\n" code) nil]))
      (str/starts-with? line ";=>")
      (let [[cont rest-lines] (split-with #(re-matches #";\s{2,}.*" %) more)
            expected (str/join " " (cons (subs line 3) (map #(subs % 1) cont)))]
        (recur rest-lines [] (conj out [(str/join "\n" code) expected])))
      :else (recur more (conj code line) out))))

(defn- eval-all [ns-sym code]
  (binding [*ns* (the-ns ns-sym)]
    (let [rdr (clojure.lang.LineNumberingPushbackReader. (java.io.StringReader. code))]
      (loop [result nil]
        (let [form (read {:eof ::eof} rdr)]
          (if (= form ::eof) result (recur (eval form))))))))

(defn run-doc
  "Evaluates every block of `text` in a fresh namespace; returns [expected actual code] for each `;=>`."
  [ns-sym text]
  (remove-ns ns-sym)
  (create-ns ns-sym)
  (binding [*ns* (the-ns ns-sym)] (refer-clojure))
  (doall
   (for [block (code-blocks text)
         [code expected] (steps block)
         :let [actual (eval-all ns-sym code)]
         :when expected]
     ;; #inst reads as java.util.Date; Laminar's rows hold java.time.Instant
     [(walk/postwalk #(if (instance? java.util.Date %) (.toInstant ^java.util.Date %) %) (read-string expected))
      actual code])))

(deftest docs-clojure-md-runs
  (let [text (slurp (project-file "docs/clojure.md"))]
    (doseq [[expected actual code] (run-doc 'laminar.docs-scratch text)]
      (is (= expected actual) (str "after:\n" (last (str/split-lines (str/trim code))))))))

(deftest readme-clojure-section-runs
  (let [readme (slurp (project-file "README.md"))
        section (second (re-find #"(?s)## Clojure in one screen\n(.*?)\n## " readme))]
    (is section "README has a 'Clojure in one screen' section")
    (doseq [[expected actual code] (run-doc 'laminar.readme-scratch section)]
      (is (= expected actual) (str "after:\n" (last (str/split-lines (str/trim code))))))))

(deftest key-reference-is-current
  (let [text (slurp (project-file "docs/clojure.md"))
        embedded (second (re-find #"(?s)<!-- reference:start -->\n(.*?)\n<!-- reference:end -->" text))]
    ;; compare line by line so a failure shows the one stale line, not two pages of Markdown
    (is (= [] (->> (map vector (str/split-lines (spec/reference-markdown)) (str/split-lines (str embedded)))
                   (remove (fn [[a b]] (= a b)))
                   (take 1)))
        "the key reference is stale: regenerate with (laminar.docs-test/write-reference!)")
    (is (= (spec/reference-markdown) embedded))))

(defn write-reference!
  "Rewrites the key reference in docs/clojure.md from the information model."
  []
  (let [f (project-file "docs/clojure.md")
        text (slurp f)]
    (spit f (str/replace text #"(?s)<!-- reference:start -->\n.*?<!-- reference:end -->"
                         (str/re-quote-replacement
                          (str "<!-- reference:start -->\n" (spec/reference-markdown) "\n<!-- reference:end -->"))))))
