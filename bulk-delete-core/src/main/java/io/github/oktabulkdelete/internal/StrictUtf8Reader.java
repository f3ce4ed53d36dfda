package io.github.oktabulkdelete.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Decodes a byte stream as strict UTF-8: a malformed byte sequence is an {@link NotUtf8Exception} that says on which
 * line and at which byte offset it is (the {@code InputStreamReader} of the JDK would either replace it silently or
 * fail without saying where). A UTF-8 byte order mark at the start is dropped; a UTF-16 or UTF-32 byte order mark
 * is refused at once. Lines end with LF, CR LF or a lone CR, as in CSV. Not thread-safe.
 */
public final class StrictUtf8Reader extends Reader {

    /** The input is not UTF-8. */
    public static final class NotUtf8Exception extends IOException {

        private static final long serialVersionUID = 1L;

        private final long line;
        private final long byteOffset;

        NotUtf8Exception(String message, long line, long byteOffset) {
            super(message);
            this.line = line;
            this.byteOffset = byteOffset;
        }

        /** @return the 1-based line of the first byte that is not UTF-8 */
        public long line() {
            return line;
        }

        /** @return the 0-based offset in the file of the first byte that is not UTF-8 */
        public long byteOffset() {
            return byteOffset;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);
    /** Bytes handed to the decoder before the current contents of {@link #bytes}. */
    private long bytesBefore;
    private long line = 1;
    private boolean lastWasCr;
    private boolean started;
    private boolean eof;
    private NotUtf8Exception pending;

    public StrictUtf8Reader(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
        bytes.flip();
        chars.flip();
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (pending != null) {
                throw pending;
            }
            if (eof && !bytes.hasRemaining()) {
                return -1;
            }
            decodeMore();
        }
        int n = Math.min(length, chars.remaining());
        chars.get(buffer, offset, n);
        return n;
    }

    private void decodeMore() throws IOException {
        if (!eof) {
            bytes.compact();
            int read = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            if (read < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + read);
            }
            bytes.flip();
        }
        if (!started) {
            if (bytes.remaining() < 4 && !eof) {
                return; // read more before looking at the byte order mark
            }
            started = true;
            checkByteOrderMark();
        }
        chars.clear();
        int before = bytes.position();
        CoderResult result = decoder.decode(bytes, chars, eof);
        if (eof && result.isUnderflow()) {
            result = decoder.flush(chars);
        }
        bytesBefore += bytes.position() - before;
        chars.flip();
        countLines();
        if (result.isMalformed() || result.isUnmappable()) {
            int bad = bytes.get(bytes.position()) & 0xFF;
            pending = new NotUtf8Exception(String.format("byte 0x%02X at byte offset %d is not UTF-8", bad,
                    bytesBefore), line, bytesBefore);
        }
    }

    private void checkByteOrderMark() throws IOException {
        int b0 = byteAt(0);
        int b1 = byteAt(1);
        int b2 = byteAt(2);
        int b3 = byteAt(3);
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            bytes.position(bytes.position() + 3); // UTF-8 byte order mark, as Excel writes it: drop it
            bytesBefore = 3;
        } else if (b0 == 0x00 && b1 == 0x00 && b2 == 0xFE && b3 == 0xFF
                || b0 == 0xFF && b1 == 0xFE && b2 == 0x00 && b3 == 0x00) {
            throw new NotUtf8Exception("the file is UTF-32 (it starts with a UTF-32 byte order mark)", 1, 0);
        } else if (b0 == 0xFE && b1 == 0xFF || b0 == 0xFF && b1 == 0xFE) {
            throw new NotUtf8Exception("the file is UTF-16 (it starts with a UTF-16 byte order mark)", 1, 0);
        }
    }

    private int byteAt(int index) {
        return bytes.remaining() > index ? bytes.get(bytes.position() + index) & 0xFF : -1;
    }

    private void countLines() {
        for (int i = chars.position(); i < chars.limit(); i++) {
            char c = chars.get(i);
            if (c == '\n') {
                if (!lastWasCr) {
                    line++;
                }
                lastWasCr = false;
            } else if (c == '\r') {
                line++;
                lastWasCr = true;
            } else {
                lastWasCr = false;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
