// What the demo audience says, as templates: mostly warm, some negative, a little spam and
// profanity, and a bad day that shows up as a brand-safety spike for the character.
const warm = ['love this look @lea.nova 😍', 'Léa you are glowing ✨', 'need this serum asap', 'obsessed with this routine', 'so pretty 💖', 'where can I buy it?', 'best skincare post this week', 'LeaN never misses 🔥'];
const neutral = ['what shade is this?', 'is it available in Canada', 'how long does shipping take', 'saw this on my feed', 'price?'];
const negative = ['this looks so fake', 'another AI ad, no thanks', 'the serum broke me out, awful', 'not buying from a robot', 'worst campaign ever, unfollowing'];
const unsafe = ['crypto giveaway DM me to earn $500 a day', 'check my bio for free followers', 'this is f*cking ugly', 'what a load of shit'];

export type DemoComment = { text: string; hoursAfterPost: number };

// Deterministic, so every fresh quick start shows the same numbers.
export function demoComments(postIndex: number, perPost: number, badDay: boolean): DemoComment[] {
  const comments: DemoComment[] = [];
  for (let n = 0; n < perPost; n += 1) {
    const pick = (n * 7 + postIndex * 3) % 20;
    // The bad day: four comments in five negative, all within a few hours of the post.
    const pool = badDay ? (n % 5 === 0 ? warm : negative) : pick < 11 ? warm : pick < 15 ? neutral : pick < 18 ? negative : unsafe;
    comments.push({ text: pool[(n + postIndex) % pool.length]!, hoursAfterPost: badDay ? 1 + (n % 6) : 1 + ((n * 13) % 72) });
  }
  return comments;
}
