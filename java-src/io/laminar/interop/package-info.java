/**
 * The Clojure data-DSL for Java programs: {@link io.laminar.interop.Dsl} holds static {@link clojure.lang.IFn}
 * handles to {@code laminar.core}, resolved once when the class loads, plus helpers to write DSL maps as EDN text.
 * Use it when maps (generated, stored, diffed) suit you better than SQL strings; the plain Java API
 * ({@link io.laminar.Laminar}) stays the simplest way to run SQL.
 */
package io.laminar.interop;
