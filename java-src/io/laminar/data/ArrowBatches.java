package io.laminar.data;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.util.Text;

/**
 * Apache Arrow at the boundary: {@link Batch} → {@link VectorSchemaRoot} for subscribers, and values out of Arrow
 * vectors for writers. Type mapping: integers → Int(8/16/32/64), DOUBLE → FloatingPoint(DOUBLE), DECIMAL →
 * Decimal(p, s), VARCHAR → Utf8, TIMESTAMP → Timestamp(MILLISECOND, no zone), DATE → Date(DAY), TIME →
 * Time(MILLISECOND), intervals → Int(64) (milliseconds or months), VARBINARY → Binary.
 */
public final class ArrowBatches {
    private ArrowBatches() {}

    public static ArrowType arrowType(Field f) {
        return switch (f.type()) {
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case TINYINT -> new ArrowType.Int(8, true);
            case SMALLINT -> new ArrowType.Int(16, true);
            case INTEGER -> new ArrowType.Int(32, true);
            case BIGINT, INTERVAL_MILLIS, INTERVAL_MONTHS -> new ArrowType.Int(64, true);
            case FLOAT, DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case DECIMAL -> new ArrowType.Decimal(f.precision() > 0 ? f.precision() : 38, Math.max(0, f.scale()), 128);
            case VARCHAR -> ArrowType.Utf8.INSTANCE;
            case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case TIME -> new ArrowType.Time(TimeUnit.MILLISECOND, 32);
            case VARBINARY -> ArrowType.Binary.INSTANCE;
        };
    }

    public static org.apache.arrow.vector.types.pojo.Schema arrowSchema(Schema schema) {
        List<org.apache.arrow.vector.types.pojo.Field> fields = new ArrayList<>();
        for (Field f : schema.fields()) {
            fields.add(new org.apache.arrow.vector.types.pojo.Field(f.name(), new FieldType(true, arrowType(f), null), null));
        }
        return new org.apache.arrow.vector.types.pojo.Schema(fields);
    }

    /** Copies the rows of {@code batch} into a new Arrow batch (the caller closes it). */
    public static VectorSchemaRoot toArrow(Batch batch, BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(arrowSchema(batch.schema), allocator);
        root.allocateNew();
        int n = batch.size;
        for (int c = 0; c < batch.columnCount(); c++) {
            FieldVector v = root.getVector(c);
            Field f = batch.schema.field(c);
            for (int r = 0; r < n; r++) {
                if (batch.nulls[c][r]) {
                    v.setNull(r);
                    continue;
                }
                switch (f.type()) {
                    case BOOLEAN -> ((BitVector) v).setSafe(r, batch.longs[c][r] != 0 ? 1 : 0);
                    case TINYINT -> ((TinyIntVector) v).setSafe(r, (byte) batch.longs[c][r]);
                    case SMALLINT -> ((SmallIntVector) v).setSafe(r, (short) batch.longs[c][r]);
                    case INTEGER -> ((IntVector) v).setSafe(r, (int) batch.longs[c][r]);
                    case BIGINT, INTERVAL_MILLIS, INTERVAL_MONTHS -> ((BigIntVector) v).setSafe(r, batch.longs[c][r]);
                    case FLOAT, DOUBLE -> ((Float8Vector) v).setSafe(r, batch.doubles[c][r]);
                    case DECIMAL -> {
                        DecimalVector dv = (DecimalVector) v;
                        dv.setSafe(r, batch.decimal(c, r).setScale(dv.getScale(), java.math.RoundingMode.HALF_UP));
                    }
                    case VARCHAR -> ((VarCharVector) v).setSafe(r, new Text((String) batch.objects[c][r]));
                    case TIMESTAMP -> ((TimeStampMilliVector) v).setSafe(r, batch.longs[c][r]);
                    case DATE -> ((DateDayVector) v).setSafe(r, (int) batch.longs[c][r]);
                    case TIME -> ((TimeMilliVector) v).setSafe(r, (int) batch.longs[c][r]);
                    case VARBINARY -> ((VarBinaryVector) v).setSafe(r, (byte[]) batch.objects[c][r]);
                }
            }
        }
        root.setRowCount(n);
        return root;
    }

    /** The value at {@code row} of an Arrow vector as a plain Java object {@link Values} understands. */
    public static Object value(FieldVector v, int row) {
        if (v.isNull(row)) return null;
        if (v instanceof TimeStampMilliVector t) return t.get(row);
        if (v instanceof DateDayVector d) return java.time.LocalDate.ofEpochDay(d.get(row));
        if (v instanceof TimeMilliVector t) return java.time.LocalTime.ofNanoOfDay(t.get(row) * 1_000_000L);
        Object o = v.getObject(row);
        if (o instanceof Text t) return t.toString();
        return o;
    }
}
