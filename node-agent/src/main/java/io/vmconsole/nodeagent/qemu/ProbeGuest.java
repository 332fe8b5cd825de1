package io.vmconsole.nodeagent.qemu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The probe VM's guest: a multiboot image (QEMU's {@code -kernel} starts it in 32-bit protected
 * mode) that returns through an {@code iret} and then writes {@link #MARKER} to the debug console
 * (I/O port 0x402). Broken KVMs fail right there: the kvm_pvm module runs SeaBIOS and long mode
 * well, then stops at the first {@code iret} in protected mode ("KVM internal error ... emulation
 * failure"), where every real guest's boot loader or kernel goes.
 */
final class ProbeGuest {

  static final String MARKER = "vmconsole-kvm-probe-ok";
  static final int DEBUG_PORT = 0x402;
  private static final int LOAD_ADDRESS = 0x100000;
  private static final int HEADER_SIZE = 32;
  private static final int MULTIBOOT_MAGIC = 0x1BADB002;

  /** Bit 16: the header gives the load addresses (a flat image, not ELF). */
  private static final int MULTIBOOT_FLAGS = 0x00010000;

  private ProbeGuest() {}

  /** The image to pass to QEMU's {@code -kernel}. */
  static byte[] image() {
    byte[] message = (MARKER + "\n").getBytes(StandardCharsets.US_ASCII);
    ByteBuffer code = ByteBuffer.allocate(64 + message.length).order(ByteOrder.LITTLE_ENDIAN);
    code.put((byte) 0x9C); // pushfd
    code.put((byte) 0x0E); // push cs
    code.put((byte) 0x68); // push imm32: where the iret returns to
    int returnAddressAt = code.position();
    code.putInt(0);
    code.put((byte) 0xCF); // iret
    int afterIret = code.position();
    code.put((byte) 0xBE); // mov esi, imm32: the message
    int messageAddressAt = code.position();
    code.putInt(0);
    code.put((byte) 0xB9).putInt(message.length); // mov ecx, length
    code.put(new byte[] {0x66, (byte) 0xBA}).putShort((short) DEBUG_PORT); // mov dx, port
    code.put((byte) 0xFC); // cld
    code.put(new byte[] {(byte) 0xF3, 0x6E}); // rep outsb
    code.put(new byte[] {(byte) 0xF4, (byte) 0xEB, (byte) 0xFD}); // hlt; jmp back to hlt
    int messageAt = code.position();
    code.put(message);
    code.putInt(returnAddressAt, LOAD_ADDRESS + HEADER_SIZE + afterIret);
    code.putInt(messageAddressAt, LOAD_ADDRESS + HEADER_SIZE + messageAt);

    ByteBuffer image =
        ByteBuffer.allocate(HEADER_SIZE + code.position()).order(ByteOrder.LITTLE_ENDIAN);
    image
        .putInt(MULTIBOOT_MAGIC)
        .putInt(MULTIBOOT_FLAGS)
        .putInt(-(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS));
    image.putInt(LOAD_ADDRESS); // header_addr: the header is the image's start
    image.putInt(LOAD_ADDRESS); // load_addr
    image.putInt(0); // load_end_addr: the whole file
    image.putInt(0); // bss_end_addr: none
    image.putInt(LOAD_ADDRESS + HEADER_SIZE); // entry_addr: the code after the header
    image.put(code.array(), 0, code.position());
    return image.array();
  }
}
