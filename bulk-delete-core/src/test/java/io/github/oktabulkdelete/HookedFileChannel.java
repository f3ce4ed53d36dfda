package io.github.oktabulkdelete;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A journal's {@link FileChannel} for tests: writes through to the real file, but can fail every write from the
 * {@code n}th on as a full disk does ({@code No space left on device}), and runs a hook after each
 * {@link #force(boolean)}, that is, at the instant a record is durable: where a test "crashes" a run.
 */
final class HookedFileChannel extends FileChannel {

    /** Runs after the {@code forces}th force returned (the header's is the first). */
    @FunctionalInterface
    interface AfterForce {
        void run(int forces) throws IOException;
    }

    private final FileChannel file;
    private final int failWritesFrom;
    private final AfterForce afterForce;
    private int writes;
    private int forces;

    private HookedFileChannel(FileChannel file, int failWritesFrom, AfterForce afterForce) {
        this.file = file;
        this.failWritesFrom = failWritesFrom;
        this.afterForce = afterForce;
    }

    /** Fails every write from the {@code n}th on (the header is the first write). */
    static HookedFileChannel fullDiskFrom(FileChannel file, int n) {
        return new HookedFileChannel(file, n, forces -> { });
    }

    /** Writes through, and runs {@code afterForce} after each force. */
    static HookedFileChannel withHook(FileChannel file, AfterForce afterForce) {
        return new HookedFileChannel(file, Integer.MAX_VALUE, afterForce);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (++writes >= failWritesFrom) {
            throw new IOException("No space left on device");
        }
        return file.write(src);
    }

    @Override
    public void force(boolean metaData) throws IOException {
        file.force(metaData);
        afterForce.run(++forces);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return file.read(dsts, offset, length);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        throw new IOException("not used by the journal");
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        file.truncate(size);
        return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        throw new IOException("not used by the journal");
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return file.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        throw new IOException("not used by the journal");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }
}
