package io.lakegate.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * What one stat of a file shows. A file rewritten in place changes its time or size; one replaced by a rename changes
 * its inode (the file key), even when the new copy has the old time and size.
 */
public record FileStamp(FileTime modified, long size, Object fileKey) {

    /** The file's stamp now, or empty when it cannot be read (gone, or not a regular file). */
    public static Optional<FileStamp> of(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
