(ns laminar.spec-test
  "Validation against the information model: every error names its code, path, value and expectation; typos get
  a \"did you mean\"; keys outside our namespaces are left alone; the model documents every key it renders."
  (:require [clojure.string :as str]
            [clojure.test :refer [deftest is testing]]
            [laminar.dsl :as dsl]
            [laminar.error :as err]
            [laminar.examples :as ex]
            [laminar.spec :as spec])
  (:import (io.laminar ErrorCode)
           (io.laminar.connector Connectors)))

(set! *warn-on-reflection* true)

(defn- error-of [m]
  (try (spec/validate m) nil
       (catch clojure.lang.ExceptionInfo e (ex-data e))))

(def hot (ex/by-name "hot items: HOP window, filter, count"))

(deftest misspelt-window-key
  (let [e (error-of (update hot :window #(-> % (dissoc :window/size) (assoc :window/sise [10 :seconds]))))]
    (is (= "LDB-6001" (:laminar/code e)))
    (is (= :incorrect (:laminar/category e)))
    (is (= [:window :window/sise] (:laminar/path e)))
    (is (= [10 :seconds] (:laminar/value e)))
    (is (= "did you mean :window/size?" (:laminar/hint e)))
    (is (str/includes? (:laminar/expected e) ":window/size"))
    (testing "the rendering marks the bad key and suggests the fix"
      (let [text (err/explain e)]
        (is (str/includes? text "LDB-6001"))
        (is (re-find #":window/sise \[10 :seconds\]\}?\s+<-- did you mean :window/size\?" text))))))

(deftest unknown-keys-in-our-namespaces-are-errors
  (doseq [[m path] [[(assoc hot :grup-by [:auction]) [:grup-by]]
                    [(assoc hot :stream/emit :final) [:stream/emit]]
                    [(assoc-in hot [:window :window/colour] :red) [:window :window/colour]]
                    [(assoc ex/bids-source :source/watermark {:column :ts :dealy [1 :seconds]}) [:source/watermark :dealy]]
                    [(assoc ex/bids-source :source/connector {:connector :files :path "x.jsonl" :fromat :json})
                     [:source/connector :fromat]]]]
    (let [e (error-of m)]
      (is (= "LDB-6001" (:laminar/code e)) (pr-str path))
      (is (= path (:laminar/path e))))))

(deftest keys-in-other-namespaces-are-yours
  (is (= (dsl/->sql hot) (dsl/->sql (assoc hot :my.app/owner "team-a" :doc/note "hot items")))))

(deftest window-keys-that-belong-to-another-window-type
  (let [e (error-of (assoc-in hot [:window :window/gap] [1 :seconds]))]
    (is (= [:window :window/gap] (:laminar/path e)))
    (is (= ":window/gap is for :session windows" (:laminar/hint e)))))

(deftest missing-keys
  (let [e (error-of (update hot :window dissoc :window/slide))]
    (is (= "LDB-6002" (:laminar/code e)))
    (is (= [:window :window/slide] (:laminar/path e))))
  (let [e (error-of {:stream/name :s :select [:*]})]
    (is (= [:from] (:laminar/path e))))
  (testing "a misspelt name key points at the name key, not at 'query'"
    (let [e (error-of {:stream/nme :s :from :bids :select [:*]})]
      (is (= "LDB-6002" (:laminar/code e)))
      (is (= [:stream/name] (:laminar/path e)))
      (is (= "did you mean :stream/name instead of :stream/nme?" (:laminar/hint e)))))
  (is (= "LDB-6004" (:laminar/code (error-of {:colour :red}))))
  (is (= "LDB-6004" (:laminar/code (error-of "SELECT 1")))))

(deftest bad-values
  (doseq [[m path hint] [[(assoc hot :emit :finl) [:emit] "did you mean :final?"]
                         [(assoc-in hot [:window :window/size] [10 :secs]) [:window :window/size] nil]
                         [(assoc-in hot [:window :window/size] 10) [:window :window/size] nil]
                         [(assoc-in hot [:window :window/type] :hopp) [:window :window/type] "did you mean :hop?"]
                         [(assoc hot :where [:> :price]) [:where] nil]
                         [(assoc hot :where [:case [:> :price 1]]) [:where] nil]
                         [(assoc hot :where [:in :price []]) [:where 2] nil]
                         [(assoc hot :select {:n [:filter :price [:> :price 1]]}) [:select :n 1] nil]
                         [(assoc hot :select {:n [:cast :price :doubel]}) [:select :n 2] nil]
                         [(assoc hot :from 42) [:from] nil]
                         [(assoc ex/bids-source :source/columns [[:a :bigintt]]) [:source/columns 0 1] "did you mean :bigint?"]
                         [(assoc ex/bids-source :source/columns [[:a :bigint] [:a :double]]) [:source/columns 1] nil]
                         [(assoc ex/bids-source :source/columns [[:a :bigint :not-nul]]) [:source/columns 0 2] nil]
                         [(assoc ex/bids-source :source/connector {:connector :filez :path "x"}) [:source/connector :connector]
                          "did you mean :files?"]
                         [{:sink/name :o :sink/from :bids :sink/connector {:connector :generator :table :bid}}
                          [:sink/connector :connector] nil]]]
    (let [e (error-of m)]
      (is (= "LDB-6003" (:laminar/code e)) (pr-str path))
      (is (= path (:laminar/path e)) (pr-str m))
      (is (contains? e :laminar/value))
      (is (string? (:laminar/expected e)))
      (when hint (is (= hint (:laminar/hint e)))))))

(deftest having-needs-groups
  (is (= [:having] (:laminar/path (error-of {:stream/name :s :from :bids :select [:price] :having [:> :price 1]})))))

(deftest error-codes-are-in-the-java-catalog
  (let [java-codes (set (map #(.code ^ErrorCode %) (ErrorCode/values)))]
    (doseq [e [:unknown-key :missing-key :bad-value :unknown-map :function-not-found :function-conflict
               :function-signature :format-unavailable]]
      (is (java-codes (err/code e)) (str e)))))

(deftest the-model-documents-everything
  (let [model @spec/model]
    (testing "every key an object lists is documented with doc, type and example"
      (doseq [[kind {:keys [keys example]}] (:objects model)
              k keys]
        (is (get-in model [:keys k :doc]) (str kind " " k))
        (is (get-in model [:keys k :type]) (str kind " " k))
        (is (contains? (get-in model [:keys k]) :example) (str kind " " k)))
      (doseq [k (concat (get-in model [:nested :window :keys]) (get-in model [:nested :watermark :keys]))]
        (is (get-in model [:keys k :doc]) (str k))))
    (testing "every object's example validates and renders"
      (doseq [[kind {:keys [example]}] (:objects model)]
        (is (string? (dsl/->sql example)) (str kind))))
    (testing "every connector option is documented"
      (doseq [[c {:keys [options doc]}] (:connectors model)
              [k o] options]
        (is (and doc (:doc o) (:type o) (contains? o :example)) (str c " " k))))
    (testing "the option names of the engine's connectors are exactly the model's"
      (doseq [c [:files :generator :blackhole]]
        (let [java-keys (set (.optionKeys (Connectors/get (name c))))
              ;; format is an engine-wide option (FORMAT clause), not a connector key
              model-keys (set (map name (remove #{:format} (keys (get-in model [:connectors c :options])))))]
          (is (= java-keys model-keys) (str c)))))
    (testing "the lookup-table options are exactly the engine's"
      (is (= (set io.laminar.lookup.PostgresLookupSource/OPTIONS)
             (set (map name (keys (get-in model [:connectors :postgres :lookup-options]))))))
      (is (= (set io.laminar.lookup.ExternalLookupTable/CACHE_OPTIONS) (set (map name (keys (:lookup-cache model)))))))))

(deftest reference-is-generated-from-the-model
  (let [md (spec/reference-markdown)]
    (is (str/includes? md "| `:window/size` | duration"))
    (is (str/includes? md "### connector :generator (`GENERATOR`)"))))

(deftest explain-data-and-validator
  (is (nil? (spec/explain-data hot)))
  (is (= [:emit] (:laminar/path (spec/explain-data (assoc hot :emit 3)))))
  (is (= hot ((spec/validator) hot))))
