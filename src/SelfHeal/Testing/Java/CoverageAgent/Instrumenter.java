// The bytecode side of SelfHeal's coverage agent (see Agent.java): a probe at the first instruction of
// every source line, and calls into the probes where JUnit 4 starts and finishes a test.
package selfheal.coverage;

import jdk.internal.org.objectweb.asm.ClassReader;
import jdk.internal.org.objectweb.asm.ClassVisitor;
import jdk.internal.org.objectweb.asm.ClassWriter;
import jdk.internal.org.objectweb.asm.Handle;
import jdk.internal.org.objectweb.asm.Label;
import jdk.internal.org.objectweb.asm.MethodVisitor;
import jdk.internal.org.objectweb.asm.Opcodes;

final class Instrumenter {
    private static final String PROBES = "selfheal/coverage/Agent$Probes";

    private Instrumenter() {
    }

    static byte[] lines(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        if ((reader.getAccess() & Opcodes.ACC_INTERFACE) != 0 && reader.readByte(7) < 52) {
            return null;
        }
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new LineClass(writer), 0);
        return writer.toByteArray();
    }

    static byte[] junitNotifier(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM8, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                String probe = name.equals("fireTestStarted") ? "testStarted" : name.equals("fireTestFinished") ? "testFinished" : null;
                if (probe == null || !descriptor.equals("(Lorg/junit/runner/Description;)V")) {
                    return next;
                }
                return new MethodVisitor(Opcodes.ASM8, next) {
                    @Override
                    public void visitCode() {
                        super.visitCode();
                        super.visitVarInsn(Opcodes.ALOAD, 1);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, PROBES, probe, "(Ljava/lang/Object;)V", false);
                    }
                };
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Records the class's source path (<c>package/Source.java</c>) and probes every method. */
    private static final class LineClass extends ClassVisitor {
        private String source;
        private String packagePath = "";

        LineClass(ClassVisitor next) {
            super(Opcodes.ASM8, next);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            int slash = name.lastIndexOf('/');
            packagePath = slash < 0 ? "" : name.substring(0, slash + 1);
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public void visitSource(String file, String debug) {
            source = file;
            super.visitSource(file, debug);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (source == null || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE)) != 0) {
                return next;
            }
            return new LineMethod(next, packagePath + source);
        }
    }

    /**
     * Puts a probe before the first instruction after each line number entry. Not in visitLineNumber itself: the
     * reader visits a label's line numbers before its stack map frame, and code must come after the frame.
     */
    private static final class LineMethod extends MethodVisitor {
        private final String path;
        private int pending = -1;
        private int last = -1;

        LineMethod(MethodVisitor next, String path) {
            super(Opcodes.ASM8, next);
            this.path = path;
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            super.visitLineNumber(line, start);
            if (line != last) {
                pending = line;
            }
        }

        private void flush() {
            if (pending > 0) {
                last = pending;
                int id = Agent.Probes.id(path, pending);
                pending = -1;
                super.visitLdcInsn(id);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, PROBES, "hit", "(I)V", false);
            }
        }

        @Override
        public void visitInsn(int opcode) {
            flush();
            super.visitInsn(opcode);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            flush();
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            flush();
            super.visitVarInsn(opcode, var);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            flush();
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            flush();
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            flush();
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            flush();
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            flush();
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitLdcInsn(Object value) {
            flush();
            super.visitLdcInsn(value);
        }

        @Override
        public void visitIincInsn(int var, int increment) {
            flush();
            super.visitIincInsn(var, increment);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            flush();
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            flush();
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
            flush();
            super.visitMultiANewArrayInsn(descriptor, dimensions);
        }
    }
}
