//! LEB128 varints: 7 bits a byte, low bits first, the high bit set on every byte but
//! the last. The term shards hold them (`themes/default/SEARCH.md`), and so does a
//! page's packed list of terms while the index is built.

/// Appends `n`.
pub(super) fn write(mut n: usize, out: &mut Vec<u8>) {
    loop {
        let byte = u8::try_from(n & 0x7f).unwrap_or(0);
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// The varint at `pos`, which moves past it. Bits beyond a `usize` are dropped, and a
/// varint cut off by the end of `bytes` ends there.
pub(super) fn read(bytes: &[u8], pos: &mut usize) -> usize {
    let mut n = 0;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*pos) {
        *pos += 1;
        if shift < usize::BITS {
            n |= usize::from(b & 0x7f) << shift;
        }
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_leb128() {
        let mut out = Vec::new();
        write(300, &mut out);
        assert_eq!(out, [0xac, 0x02]);
    }

    #[test]
    fn varints_read_back_what_was_written() {
        let numbers = [
            0,
            1,
            127,
            128,
            16_383,
            16_384,
            u32::MAX as usize,
            usize::MAX,
        ];
        let mut bytes = Vec::new();
        for &n in &numbers {
            write(n, &mut bytes);
        }
        let mut pos = 0;
        let read_back: Vec<usize> = numbers.iter().map(|_| read(&bytes, &mut pos)).collect();
        assert_eq!(read_back, numbers);
        assert_eq!(pos, bytes.len());
        // Cut off: what is there, and the position at the end.
        let mut pos = 0;
        assert_eq!(read(&[0xac], &mut pos), 0x2c);
        assert_eq!(pos, 1);
    }
}
