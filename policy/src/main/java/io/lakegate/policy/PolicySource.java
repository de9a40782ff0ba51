package io.lakegate.policy;

/** Where Ranger's plugin gets its policies: a local file, or Ranger Admin through Ranger's own refresher. */
interface PolicySource extends AutoCloseable {

    /** Brings the policies up to date before a decision, when the source can do it cheaply (a file's stat). */
    void refresh();

    @Override
    void close();
}
