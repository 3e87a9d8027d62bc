package io.pacesetter.job.measures;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link WaitCounts} in Flink state and on the wire: the number of distinct waits, then each wait
 * in increasing order as a variable-length delta from the one before (the first zig-zag encoded, as
 * it may be negative) and its legs as a variable-length count. Most waits are a few thousand
 * milliseconds apart or less, so an entry takes two to four bytes; RocksDB reads and writes every
 * running window each minute, so this is what it pays for.
 */
public final class WaitCountsSerializer extends TypeSerializerSingleton<WaitCounts> {
    private static final long serialVersionUID = 1L;
    public static final WaitCountsSerializer INSTANCE = new WaitCountsSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public WaitCounts createInstance() {
        return new WaitCounts();
    }

    @Override
    public WaitCounts copy(WaitCounts from) {
        return from.copy();
    }

    @Override
    public WaitCounts copy(WaitCounts from, WaitCounts reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(WaitCounts counts, DataOutputView target) throws IOException {
        writeVarLong(target, counts.distinct());
        long[] previous = {0};
        boolean[] first = {true};
        counts.<IOException>forEach((wait, legs) -> {
            writeVarLong(target, first[0] ? zigZag(wait) : wait - previous[0]);
            writeVarLong(target, legs);
            first[0] = false;
            previous[0] = wait;
        });
    }

    @Override
    public WaitCounts deserialize(DataInputView source) throws IOException {
        long distinct = readVarLong(source);
        WaitCounts counts = WaitCounts.expecting(distinct);
        long wait = 0;
        for (long i = 0; i < distinct; i++) {
            long step = readVarLong(source);
            wait = i == 0 ? unZigZag(step) : wait + step;
            counts.add(wait, (int) readVarLong(source));
        }
        return counts;
    }

    @Override
    public WaitCounts deserialize(WaitCounts reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        long distinct = readVarLong(source);
        writeVarLong(target, distinct);
        for (long i = 0; i < 2 * distinct; i++) {
            writeVarLong(target, readVarLong(source));
        }
    }

    @Override
    public TypeSerializerSnapshot<WaitCounts> snapshotConfiguration() {
        return new Snapshot();
    }

    private static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unZigZag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static void writeVarLong(DataOutputView out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static long readVarLong(DataInputView in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.readByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("a variable-length number longer than 64 bits: the state is not WaitCounts");
    }

    /** Restores this serializer from a checkpoint or savepoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<WaitCounts> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Found by Flink through {@link org.apache.flink.api.common.typeinfo.TypeInfo} on {@link WaitCounts}. */
    public static final class Factory extends TypeInfoFactory<WaitCounts> {
        @Override
        public TypeInformation<WaitCounts> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new Info();
        }
    }

    /** {@link WaitCounts} as a Flink type: one field of its own, serialized by {@link WaitCountsSerializer}. */
    public static final class Info extends TypeInformation<WaitCounts> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<WaitCounts> getTypeClass() {
            return WaitCounts.class;
        }

        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public TypeSerializer<WaitCounts> createSerializer(SerializerConfig config) {
            return INSTANCE;
        }

        @Override
        public String toString() {
            return "WaitCounts";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Info;
        }

        @Override
        public int hashCode() {
            return Info.class.hashCode();
        }

        @Override
        public boolean canEqual(Object o) {
            return o instanceof Info;
        }
    }
}
