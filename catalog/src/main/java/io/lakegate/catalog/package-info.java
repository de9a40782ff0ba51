/**
 * The Iceberg catalog as Lakegate sees it: which databases, tables, views and columns exist, described with the
 * Spark SQL types that queries through Spark will see.
 *
 * <p>{@link io.lakegate.catalog.CatalogConfig} reads the settings once; {@link io.lakegate.catalog.LakeCatalog#open}
 * connects to the Iceberg JDBC catalog that the Spark clusters share, and
 * {@link io.lakegate.catalog.CatalogConfig#icebergProperties()} gives the properties that let Spark open the very same
 * catalog.
 */
package io.lakegate.catalog;
