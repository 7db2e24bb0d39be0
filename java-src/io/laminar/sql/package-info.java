/**
 * Calcite, set up for Laminar: the parser extended through Calcite's templates ({@link io.laminar.sql.SqlStatements}), the catalog adapter ({@link io.laminar.sql.CatalogTable}), window functions in both spellings ({@link io.laminar.sql.WindowFunctions} rewrites GROUP BY TUMBLE(...) into the table-function form so both give one plan), validation and SqlNode → RelNode ({@link io.laminar.sql.SqlFrontEnd}).
 */
package io.laminar.sql;
