//! The short code a person types: `MMMM-PPPP-PPPP-PPPC` in Crockford's base32.
//!
//! - `M` (4 characters, 20 bits): the mailbox, allocated by the relay at random. Public: it
//!   only says where the two devices meet, and is never derived from the password (croc's
//!   CVE-2023-43617 came from naming the room after part of the secret).
//! - `P` (11 characters, 55 bits): the PAKE password, drawn by the device that shows the code.
//!   It never leaves the two devices.
//! - `C` (1 character): a Luhn mod 32 check over the 15 before it (as Syncthing's device ids
//!   have), so a typo is caught on the typing device instead of burning the mailbox.
//!
//! Reading is forgiving as Crockford's base32 intends: any case, dashes and spaces anywhere,
//! `O` read as `0`, `I` and `L` as `1`.

use crate::{Error, Result, crypto::random_bytes};

/// Crockford's base32 alphabet: no I, L, O or U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
pub(crate) const MAILBOX_CHARS: usize = 4;
pub(crate) const PASSWORD_CHARS: usize = 11;
const CODE_CHARS: usize = MAILBOX_CHARS + PASSWORD_CHARS + 1;
/// Mailbox ids are 20 bits: four base32 characters.
pub const MAILBOX_IDS: u32 = 1 << (5 * MAILBOX_CHARS);

/// A parsed code. The password is secret: it prints as `<redacted>` and is wiped on drop.
#[derive(Clone, PartialEq, Eq, zeroize::ZeroizeOnDrop)]
pub struct PairingCode {
    #[zeroize(skip)]
    mailbox: u32,
    password: [u8; PASSWORD_CHARS],
}

impl std::fmt::Debug for PairingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PairingCode({}-<redacted>)", self.mailbox_text())
    }
}

impl PairingCode {
    /// A code for `mailbox` (below [`MAILBOX_IDS`]) with a fresh random password.
    pub fn generate(mailbox: u32) -> Self {
        assert!(mailbox < MAILBOX_IDS, "mailbox ids are 20 bits");
        let random: [u8; PASSWORD_CHARS] = random_bytes();
        Self {
            mailbox,
            // 256 is a multiple of 32: every symbol equally likely.
            password: random.map(|b| ALPHABET[usize::from(b % 32)]),
        }
    }

    /// Reads what a person typed; `InvalidPairingCode` says what is wrong with it.
    pub fn parse(typed: &str) -> Result<Self> {
        let mut symbols = Vec::with_capacity(CODE_CHARS);
        for c in typed.chars() {
            let symbol = match c.to_ascii_uppercase() {
                '-' | ' ' | '\t' => continue,
                'O' => b'0',
                'I' | 'L' => b'1',
                c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => c as u8,
                _ => {
                    return Err(Error::InvalidPairingCode(format!(
                        "{c:?} is not a code character (digits and letters except U)"
                    )));
                }
            };
            symbols.push(symbol);
        }
        if symbols.len() != CODE_CHARS {
            return Err(Error::InvalidPairingCode(format!(
                "a code has {CODE_CHARS} characters, this one {}",
                symbols.len()
            )));
        }
        let (body, check) = symbols.split_at(CODE_CHARS - 1);
        if check_symbol(body) != check[0] {
            return Err(Error::InvalidPairingCode(
                "the check character does not match: a typo?".into(),
            ));
        }
        let mailbox = body[..MAILBOX_CHARS]
            .iter()
            .fold(0, |id, &s| id << 5 | value(s));
        let mut password = [0u8; PASSWORD_CHARS];
        password.copy_from_slice(&body[MAILBOX_CHARS..]);
        Ok(Self { mailbox, password })
    }

    pub fn mailbox(&self) -> u32 {
        self.mailbox
    }

    /// The mailbox as its four characters (part of the PAKE identities).
    pub fn mailbox_text(&self) -> String {
        String::from_utf8(mailbox_symbols(self.mailbox).to_vec()).expect("ASCII")
    }

    /// The PAKE password: the 11 password characters, upper case.
    pub(crate) fn password(&self) -> &[u8] {
        &self.password
    }

    /// `MMMM-PPPP-PPPP-PPPC`: what the showing device displays. Contains the password.
    pub fn reveal(&self) -> String {
        let mut body = mailbox_symbols(self.mailbox).to_vec();
        body.extend_from_slice(&self.password);
        body.push(check_symbol(&body));
        let groups: Vec<&str> = body
            .chunks(4)
            .map(|g| std::str::from_utf8(g).expect("ASCII"))
            .collect();
        groups.join("-")
    }
}

fn mailbox_symbols(mailbox: u32) -> [u8; MAILBOX_CHARS] {
    std::array::from_fn(|i| ALPHABET[(mailbox >> (5 * (MAILBOX_CHARS - 1 - i)) & 31) as usize])
}

fn value(symbol: u8) -> u32 {
    ALPHABET
        .iter()
        .position(|&s| s == symbol)
        .expect("an alphabet symbol") as u32
}

/// Luhn mod 32: from the rightmost symbol leftwards, every other value doubled (the
/// rightmost first) and its base-32 digits summed; the check symbol brings the sum to a
/// multiple of 32. Catches every single wrong symbol and most swaps of neighbours.
fn check_symbol(body: &[u8]) -> u8 {
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &s)| {
            let addend = value(s) * if i % 2 == 0 { 2 } else { 1 };
            addend / 32 + addend % 32
        })
        .sum();
    ALPHABET[((32 - sum % 32) % 32) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_code_reads_back() {
        for mailbox in [0, 1, 31, 32, 0xABCDE, MAILBOX_IDS - 1] {
            let code = PairingCode::generate(mailbox);
            let shown = code.reveal();
            assert_eq!(shown.len(), 19);
            assert_eq!(PairingCode::parse(&shown).unwrap(), code);
            let sloppy = shown.replace('-', " ").to_lowercase();
            assert_eq!(PairingCode::parse(&sloppy).unwrap(), code);
        }
    }

    #[test]
    fn every_single_wrong_symbol_is_caught() {
        let shown = PairingCode::generate(0x12345).reveal().replace('-', "");
        for i in 0..shown.len() {
            for &other in ALPHABET {
                let mut typed = shown.clone().into_bytes();
                if typed[i] == other {
                    continue;
                }
                typed[i] = other;
                let typed = String::from_utf8(typed).unwrap();
                assert!(
                    matches!(
                        PairingCode::parse(&typed),
                        Err(Error::InvalidPairingCode(_))
                    ),
                    "{typed} was accepted"
                );
            }
        }
    }

    #[test]
    fn the_password_is_not_printed() {
        let code = PairingCode::generate(7);
        let printed = format!("{code:?}");
        assert!(!printed.contains(std::str::from_utf8(code.password()).unwrap()));
        assert!(printed.contains("<redacted>"));
    }
}
