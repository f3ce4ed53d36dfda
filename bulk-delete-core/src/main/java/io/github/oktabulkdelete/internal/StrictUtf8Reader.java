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
 * is refused at once. Lines end with LF, CR LF or a lone CR, as in CSV. A control character other than tab, LF and
 * CR (a NUL byte of a binary file or of UTF-16 without a byte order mark, an escape sequence, a stray U+0001) is a
 * {@link ControlCharacterException} that says on which line and at which character it is: a file of logins holds
 * none, and a login with one is never what its author meant. Not thread-safe.
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

    /** The input holds a control character other than tab, LF and CR: it is not a text file of logins. */
    public static final class ControlCharacterException extends IOException {

        private static final long serialVersionUID = 1L;

        private final long line;
        private final long column;
        private final int character;

        ControlCharacterException(long line, long column, int character) {
            super(String.format("the control character U+%04X is at line %d, character %d", character, line,
                    column));
            this.line = line;
            this.column = column;
            this.character = character;
        }

        /** @return the 1-based line of the control character */
        public long line() {
            return line;
        }

        /** @return the 1-based position of the control character in its line, in characters */
        public long column() {
            return column;
        }

        /** @return the control character */
        public int character() {
            return character;
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
    private long column;
    private boolean lastWasCr;
    private boolean started;
    private boolean eof;
    private IOException pending;

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
        int control = countLinesUpToControlCharacter();
        if (control >= 0) {
            pending = new ControlCharacterException(line, column, chars.get(control));
            chars.limit(control); // hand out what comes before it, then fail
        } else if (result.isMalformed() || result.isUnmappable()) {
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

    /** Counts the lines of the decoded characters; the index of the first control character, or -1. */
    private int countLinesUpToControlCharacter() {
        for (int i = chars.position(); i < chars.limit(); i++) {
            char c = chars.get(i);
            if (c == '\n') {
                if (!lastWasCr) {
                    line++;
                }
                lastWasCr = false;
                column = 0;
            } else if (c == '\r') {
                line++;
                lastWasCr = true;
                column = 0;
            } else {
                lastWasCr = false;
                column++;
                if (c != '\t' && Character.isISOControl(c)) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
